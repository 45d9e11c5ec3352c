import { afterEach, describe, expect, it } from 'vitest';
import { parseImport } from '../../core/import/parse-import';
import { runNode, tempFiles } from './run-node';

const t0 = Date.UTC(2025, 2, 2);
const row = (venue: string, symbol: string, i: number) =>
  JSON.stringify({
    type: 'trade',
    venue,
    symbol,
    id: i,
    timeMs: t0 + i * 1000,
    price: '100.5',
    size: '0.5',
    side: 'buy',
  });

let cleanup: () => void = () => undefined;
afterEach(() => cleanup());

describe('NDJSON rows cannot choose or mix instruments', () => {
  const mixed = [
    ...Array.from({ length: 5 }, (_, i) => row('binance-spot', 'BTCUSDT', i + 1)),
    row('coinbase', 'ETH-USD', 1),
    ...Array.from({ length: 5 }, (_, i) => row('binance-spot', 'BTCUSDT', i + 6)),
  ].join('\n');

  it('candles refuses a file with two instruments, naming both and the line; --symbol picks one', async () => {
    const files = tempFiles({ 'mixed.ndjson': `${mixed}\n` });
    cleanup = files.cleanup;
    const out = files.path('out.csv');
    const refused = await runNode([
      'candles',
      '--trades',
      files.path('mixed.ndjson'),
      '--format',
      'ndjson',
      '--timeframe',
      '1m',
      '--out',
      out,
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/mixed\.ndjson: line 6: .*coinbase:ETH-USD.*binance-spot:BTCUSDT \(line 1\)/);
    const picked = await runNode([
      'candles',
      '--trades',
      files.path('mixed.ndjson'),
      '--format',
      'ndjson',
      '--timeframe',
      '1m',
      '--symbol',
      'BTCUSDT',
      '--out',
      '-',
    ]);
    expect(picked.code).toBe(0);
    const rows = picked.stdout.trim().split('\n').slice(1);
    expect(rows.map((r) => r.split(',').at(-1))).toEqual(['10']);
  });

  it('an import refuses an unknown venue or a __proto__ symbol in a row, and stores under the chosen instrument', async () => {
    const options = { format: 'ndjson-trades', venue: 'binance-spot', symbol: 'BTCUSDT', skipBadRows: false } as const;
    await expect(async () => parseImport(row('not-a-venue', 'BTCUSDT', 1), options)).rejects.toThrow(
      /line 1: unknown venue "not-a-venue"/,
    );
    await expect(async () => parseImport(row('binance-spot', '__proto__', 1), options)).rejects.toThrow(
      /line 1: bad symbol "__proto__"/,
    );
    const only = await parseImport(mixed, {
      ...options,
      format: 'ndjson-trades',
      onlySymbol: 'ETH-USD',
      symbol: 'ETHUSD',
    });
    expect(only.rows).toBe(1);
    expect(new Set(only.candles.map((c) => `${c.venue}:${c.symbol}`))).toEqual(new Set(['binance-spot:ETHUSD']));
  });
});
