import { afterEach, describe, expect, it } from 'vitest';
import { parseImport } from '../../core/import/parse-import';
import { binanceTrades, runNode, tempFiles } from './run-node';

let cleanup: () => void = () => undefined;
afterEach(() => cleanup());

const lastCells = (csv: string) =>
  csv
    .trim()
    .split('\n')
    .slice(1)
    .map((r) => r.split(','));

describe('trades are de-duplicated by id', () => {
  it('candles counts a file concatenated with itself once (400 trades, not 800)', async () => {
    const rows = binanceTrades(400);
    const files = tempFiles({ 'once.csv': `${rows.join('\n')}\n`, 'twice.csv': `${[...rows, ...rows].join('\n')}\n` });
    cleanup = files.cleanup;
    const once = await runNode([
      'candles',
      '--trades',
      files.path('once.csv'),
      '--timeframe',
      '1h',
      '--out',
      files.path('a.csv'),
    ]);
    const twice = await runNode([
      'candles',
      '--trades',
      files.path('twice.csv'),
      '--timeframe',
      '1h',
      '--out',
      files.path('b.csv'),
    ]);
    expect([once.code, twice.code]).toEqual([0, 0]);
    const { readFileSync } = await import('node:fs');
    const a = lastCells(readFileSync(files.path('a.csv'), 'utf8'));
    const b = lastCells(readFileSync(files.path('b.csv'), 'utf8'));
    expect(a.reduce((n, r) => n + Number(r[9]), 0)).toBe(400);
    expect(b).toEqual(a);
    expect(twice.stderr).toContain('400 duplicate trades dropped');
  });

  it('an import drops repeated ids, and repeated id-less rows of the same time, price, size and side', async () => {
    const rows = binanceTrades(400);
    const doubled = rows.flatMap((r) => [r, r]).join('\n');
    const result = await parseImport(doubled, {
      format: 'binance-trades',
      venue: 'binance-spot',
      symbol: 'BTCUSDT',
      skipBadRows: false,
    });
    expect([result.rows, result.duplicates]).toEqual([400, 400]);
    const day = result.candles.find((c) => c.timeframe === '1d');
    expect([day?.trades, day?.volume]).toEqual([400, '200']);
    const generic = `time,price,qty,side\n${['1740873600000,1,2,buy', '1740873600000,1,2,buy', '1740873600000,1,2,sell'].join('\n')}`;
    const noIds = await parseImport(generic, {
      format: 'csv-trades',
      venue: 'demo',
      symbol: 'X',
      mapping: { time: 0, price: 1, size: 2, side: 3 },
      skipBadRows: false,
    });
    expect([noIds.rows, noIds.duplicates]).toEqual([2, 1]);
  });
});
