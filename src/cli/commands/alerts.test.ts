import { describe, expect, it } from 'vitest';
import { createIndicatorFromSpec } from '../../core/indicators/registry';
import { InputError, UsageError } from '../command';
import { memoryIo } from '../memory-io';
import { alertsCommand } from './alerts';

const REQUIRED = `[{"id":"rsi-up","kind":"indicator","indicator":"rsi:14","op":"crosses-above","value":70,"trigger":"every-time"},{"id":"px-up","kind":"price","op":"crosses-above","value":"57000","trigger":"every-time"}]`;
const HEADER = 'open_time_ms,open,high,low,close,volume,quote_volume,buy_volume,sell_volume,trades';
const T0 = 1_700_000_000_000 - (1_700_000_000_000 % 60_000);

/** Candles layout, one bar a minute; volume and trade count per bar optional. */
function candles(
  closes: readonly string[],
  volume: (i: number) => number = () => 1,
  trades: (i: number) => number = () => 3,
): string {
  const rows = closes.map((c, i) => `${T0 + i * 60_000},${c},${c},${c},${c},${volume(i)},${c},0.5,0.5,${trades(i)}`);
  return `${HEADER}\n${rows.join('\n')}\n`;
}

/** Binance klines, headerless. */
function klines(closes: readonly string[]): string {
  return closes
    .map((c, i) => `${T0 + i * 60_000},${c},${c},${c},${c},1.5,${T0 + i * 60_000 + 59_999},10,7,1,5,0\n`)
    .join('');
}

async function run(argv: string[], files: Record<string, string>) {
  const { io, out, written } = memoryIo(files);
  const code = await alertsCommand.run(argv, io);
  return { code, out, written };
}

const lines = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('alerts command', () => {
  it('replays the two rules of the issue: price crosses exactly, rsi where the indicators column crosses', async () => {
    const wave = Array.from({ length: 200 }, (_, i) => (57000 + 400 * Math.sin(i / 6) + (i % 4) * 3).toFixed(2));
    const { code, out, written } = await run(['--rules', 'rules.json', '--candles', 'c.csv', '--out', 'f.ndjson'], {
      'rules.json': REQUIRED,
      'c.csv': klines(wave),
    });
    expect(code).toBe(0);
    expect(out.stdout).toBe('');
    const firings = lines(written.get('f.ndjson') as string);
    // Reference: the rsi column as the `indicators` command computes it, crosses on consecutive bars.
    const rsi = createIndicatorFromSpec('rsi:14');
    const expected: { rule: string; open_time_ms: number; value: number; priority: string }[] = [];
    let prevRsi: number | null = null;
    wave.forEach((c, i) => {
      const close = Number(c);
      const time = T0 + i * 60_000;
      const r =
        rsi.add({ timeMs: time, open: close, high: close, low: close, close, volume: 1.5, buyVolume: 1 })?.['rsi'] ??
        null;
      if (prevRsi !== null && r !== null && prevRsi <= 70 && r > 70)
        expected.push({ rule: 'rsi-up', open_time_ms: time, value: r, priority: 'normal' });
      if (r !== null) prevRsi = r;
      const prev = wave[i - 1];
      if (prev !== undefined && Number(prev) <= 57000 && close > 57000)
        expected.push({ rule: 'px-up', open_time_ms: time, value: close, priority: 'normal' });
    });
    expect(expected.filter((e) => e.rule === 'rsi-up').length).toBeGreaterThan(1);
    expect(expected.filter((e) => e.rule === 'px-up').length).toBeGreaterThan(1);
    expect(firings).toEqual(expected);
    expect(Object.keys(firings[0] as object)).toEqual(['rule', 'open_time_ms', 'value', 'priority']);
  });

  it('compares decimal levels exactly and prints the close as the file wrote it', async () => {
    const rules =
      '[{"id":"p","kind":"price","op":"crosses-above","value":"0.30000000000000004","priority":"critical"}]';
    const { out } = await run(['--rules', 'r.json', '--candles', 'c.csv'], {
      'r.json': rules,
      'c.csv': candles(['0.3', '0.30000000000000004', '0.300000000000000041', '0.3']),
    });
    expect(out.stdout).toBe(
      `{"rule":"p","open_time_ms":${T0 + 120_000},"value":0.300000000000000041,"priority":"critical"}\n`,
    );
  });

  it('judges volume and trade-count spikes, moves and cooldowns on bar times', async () => {
    const rules = JSON.stringify([
      { id: 'v', kind: 'volume-spike', z: 3, window: 6 },
      { id: 't', kind: 'trade-count-spike', z: 3, window: 6, priority: 'info' },
      { id: 'm', kind: 'move', pct: 1, windowMs: 60_000, direction: 'up' },
      { id: 'c', kind: 'price', op: 'crosses-above', value: 100, cooldownMs: 180_000 },
    ]);
    const closes = ['99', '101', '99', '101', '99', '101', '99', '101'];
    const { out } = await run(['--rules', 'r.json', '--candles', 'c.csv'], {
      'r.json': rules,
      'c.csv': candles(
        closes,
        (i) => (i === 6 ? 20 : 1 + (i % 2)),
        (i) => (i === 7 ? 99 : 3 + (i % 2)),
      ),
    });
    const got = lines(out.stdout).map((f) => [f['rule'], ((f['open_time_ms'] as number) - T0) / 60_000]);
    // m: +2.02 % on each rise, re-armed by each fall; c: crosses at 1, 3, 5, 7, cooldown 3 min skips 3 and 7.
    expect(got).toEqual([
      ['m', 1],
      ['c', 1],
      ['m', 3],
      ['m', 5],
      ['c', 5],
      ['v', 6],
      ['t', 7],
      ['m', 7],
    ]);
  });

  it('skips rules that need live inputs, saying so on stderr', async () => {
    const rules = '[{"id":"a","kind":"anomaly","score":0.9},{"id":"p","kind":"price","op":"crosses","value":100}]';
    const { code, out } = await run(['--rules', 'r.json', '--candles', 'c.csv'], {
      'r.json': rules,
      'c.csv': candles(['99', '101']),
    });
    expect(code).toBe(0);
    expect(out.stderr).toBe('alerts: skipped rule "a": kind anomaly needs live inputs\n');
    expect(lines(out.stdout).map((f) => f['rule'])).toEqual(['p']);
  });

  it('bad rules name the rule and field; bad rows name the line; nothing is written', async () => {
    const bad = '[{"id":"px-up","kind":"price","op":"crosses-above","value":"57 000"}]';
    await expect(
      run(['--rules', 'r.json', '--candles', 'c.csv', '--out', 'o'], { 'r.json': bad, 'c.csv': candles(['1']) }),
    ).rejects.toThrow(
      new InputError(
        'r.json: rule "px-up" (#1): value: expected a decimal (text like "57000.5" or a number), got "57 000"',
      ),
    );
    await expect(
      run(['--rules', 'r.json', '--candles', 'c.csv'], { 'r.json': '{', 'c.csv': candles(['1']) }),
    ).rejects.toThrow(/^r\.json: not valid JSON/);
    const broken = `${candles(['99', '101'])}${T0 + 180_000},1,1,1,x,1,1,0,0,1\n`;
    const { io, out, written } = memoryIo({ 'r.json': REQUIRED, 'c.csv': broken });
    await expect(alertsCommand.run(['--rules', 'r.json', '--candles', 'c.csv', '--out', 'o'], io)).rejects.toThrow(
      /^c\.csv: line 4: close is not a finite number/,
    );
    expect(written.size).toBe(0);
    expect(out.stdout).toBe('');
    await expect(run(['--rules', 'r.json', '--candles', 'c.csv'], { 'r.json': REQUIRED, 'c.csv': '' })).rejects.toThrow(
      'c.csv: no candles in file',
    );
  });

  it('flags', async () => {
    await expect(run(['--candles', 'c.csv'], {})).rejects.toThrow(new UsageError('--rules is required'));
    await expect(run(['--rules', 'r.json'], {})).rejects.toThrow(new UsageError('--candles is required'));
    await expect(run(['--rules', 'r', '--candles', 'c', '--indicator', 'x'], {})).rejects.toThrow(UsageError);
    expect(alertsCommand.help).toContain('--rules FILE');
  });
});
