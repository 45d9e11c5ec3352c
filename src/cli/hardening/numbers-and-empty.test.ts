import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runNode, tempFiles } from './run-node';

let cleanup: () => void = () => undefined;
afterEach(() => cleanup());

const HEADER = 'open_time_ms,open,high,low,close,volume,quote_volume,buy_volume,sell_volume,trades';
const bars = (n: number, volume = '10') =>
  Array.from({ length: n }, (_, i) => `${1740873600000 + i * 60_000},100,101,99,100.5,${volume},1005,6,4,7`);

describe('one number rule, empty inputs and unrecognised first lines', () => {
  it('indicators refuses 1e400 (Infinity) as pair does, naming file and line', async () => {
    const rows = bars(20);
    rows[9] = rows[9]!.replace(',10,', ',1e400,');
    const files = tempFiles({ 'c.csv': `${HEADER}\n${rows.join('\n')}\n` });
    cleanup = files.cleanup;
    const run = await runNode([
      'indicators',
      '--candles',
      files.path('c.csv'),
      '--indicator',
      'obv',
      '--out',
      files.path('o.csv'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${files.path('c.csv')}: line 11: volume is not a finite number: "1e400"`);
    expect(existsSync(files.path('o.csv'))).toBe(false);
  });

  it.each([
    ['candles', ['--trades', 'e.csv', '--timeframe', '1m'], /no trades in file/],
    ['indicators', ['--candles', 'e.csv', '--indicator', 'rsi'], /no candles in file/],
    ['candles', ['--trades', 'h.csv', '--timeframe', '1m'], /no trades in file/],
  ])('%s on an empty or header-only file exits 1 with a message', async (command, flags, message) => {
    const files = tempFiles({ 'e.csv': '', 'h.csv': 'id,price,qty,quote_qty,time,is_buyer_maker,is_best_match\n' });
    cleanup = files.cleanup;
    const run = await runNode([
      command,
      ...flags.map((f) => (f.endsWith('.csv') ? files.path(f) : f)),
      '--out',
      files.path('o.csv'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(existsSync(files.path('o.csv'))).toBe(false);
  });

  it('a first line that is neither a header nor data is an error, not skipped', async () => {
    const files = tempFiles({ 't.csv': 'garbage here\n1,100.5,0.5,50,1740873600000,true,true\n' });
    cleanup = files.cleanup;
    const run = await runNode(['candles', '--trades', files.path('t.csv'), '--timeframe', '1m']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('line 1: expected 7 columns');
  });

  it('normalize ignores a byte-order mark before the first frame', async () => {
    const frame =
      '{"e":"trade","E":1740873600001,"s":"BTCUSDT","t":1,"p":"100.5","q":"0.5","T":1740873600000,"m":false,"M":true}';
    const files = tempFiles({ 'f.ndjson': `\uFEFF${frame}\n` });
    cleanup = files.cleanup;
    const run = await runNode([
      'normalize',
      '--venue',
      'binance-spot',
      '--in',
      files.path('f.ndjson'),
      '--now',
      '1740873600500',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('1 frames, 1 trades, 0 quotes, 0 controls, 0 rejected');
    expect(JSON.parse(run.stdout.trim()).price).toBe('100.5');
  });
});
