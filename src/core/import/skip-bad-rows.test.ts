import { describe, expect, it } from 'vitest';
import { parseImport, type ImportOptions } from './parse-import';

const t0 = Date.UTC(2025, 2, 2);
const trades = Array.from({ length: 50 }, (_, i) => `${i + 1},100.5,0.5,50.25,${t0 + i * 1000},false,true`);
const aggTrades = Array.from(
  { length: 50 },
  (_, i) => `${i + 1},100.5,0.5,${i * 2},${i * 2 + 1},${t0 + i * 1000},true,true`,
);
const klines = Array.from({ length: 50 }, (_, i) => {
  const open = t0 + i * 60_000;
  return `${open},100.1,101.2,99.9,100.5,1.5,${open + 59_999},150.3,7,0.5,50.1,0`;
});

const options = (format: ImportOptions['format'], skipBadRows: boolean): ImportOptions => ({
  format,
  venue: 'binance-spot',
  symbol: 'BTCUSDT',
  skipBadRows,
});

function corrupt(rows: string[], at: number, row: string): string {
  return rows.map((r, i) => (i === at ? row : r)).join('\n');
}

describe('skip bad rows and line numbers on every import format', () => {
  it.each([
    ['binance-trades', trades, '7,abc,0.5,0,1740873600000,false,true'],
    ['binance-aggtrades', aggTrades, '7,100.5,0.5,1,2,1740873600000,maybe,true'],
    ['binance-klines', klines, '1740873600000,100.1,99,101,100.5,1.5,1740873659999,150.3,7,0.5,50.1,0'],
  ] as const)('%s: a bad row refuses the file naming line 13, or is skipped and counted', async (format, rows, bad) => {
    const text = corrupt([...rows], 12, bad);
    await expect(async () => parseImport(text, options(format, false))).rejects.toThrow(/^line 13: /);
    const result = await parseImport(text, options(format, true));
    expect([result.rows, result.skipped, result.problems[0]?.line]).toEqual([49, 1, 13]);
  });

  it('a row that parses but fails validation names its line, not its trade id', async () => {
    // 1700000000 is epoch seconds: read as ms it is in 1970, before any believable trade.
    const text = corrupt([...trades], 20, '251,100.5,0.5,50.25,1700000000,false,true');
    await expect(async () => parseImport(text, options('binance-trades', false))).rejects.toThrow(
      /^line 21: invalid trade \(bad-time\): time 1700000000/,
    );
    const skipped = await parseImport(text, options('binance-trades', true));
    expect([skipped.rows, skipped.skipped]).toEqual([49, 1]);
  });
});
