import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { canonical, naiveCandles } from '../../../test/reference/naive-candles';
import { CsvError } from '../csv/csv-error';
import { DemoMarket } from '../demo/demo-market';
import { detectFormat } from './detect-format';
import { guessTradeMapping } from './generic-trades';
import { parseImport } from './parse-import';
import { isZip, readZipEntries } from './zip';

const tape = new DemoMarket(5, Date.UTC(2025, 0, 1))
  .advance(Date.UTC(2025, 0, 1, 0, 20))
  .trades.filter((t) => t.symbol === 'ETHUSDT');
const binanceCsv = tape
  .map((t) => `${t.id},${t.price},${t.size},0,${t.timeMs * 1000},${t.side === 'sell' ? 'True' : 'False'},True`)
  .join('\n');

describe('import parsing', () => {
  it('detects every layout', () => {
    expect(detectFormat(binanceCsv)).toBe('binance-trades');
    expect(detectFormat('1,2.5,0.1,7,7,1700000000000,true,true')).toBe('binance-aggtrades');
    expect(detectFormat('1700000000000,1,2,0.5,1.5,10,1700000059999,15,3,4,6,0')).toBe('binance-klines');
    expect(detectFormat('{"type":"trade","price":"1"}')).toBe('ndjson-trades');
    expect(detectFormat('timestamp,price,amount,side\n1700000000000,1,2,buy')).toBe('csv-trades');
  });

  it('turns a Binance trades file into bars on all nine timeframes equal to a naive group-by', async () => {
    const result = await parseImport(binanceCsv, {
      format: 'binance-trades',
      venue: 'binance-spot',
      symbol: 'ETHUSDT',
      skipBadRows: false,
    });
    expect(result.rows).toBe(tape.length);
    const mine = result.candles
      .filter((c) => c.timeframe === '1m')
      .map((c) => [c.openTimeMs, canonical(c.close), c.volume, c.trades]);
    const ref = naiveCandles(tape, 60_000).map((c) => [c.openTimeMs, c.close, c.volume, c.trades]);
    expect(mine).toEqual(ref);
    expect(new Set(result.candles.map((c) => c.timeframe)).size).toBe(9);
  });

  it('refuses the whole file on a bad row, naming the line; or skips and counts with skipBadRows', async () => {
    const lines = binanceCsv.split('\n');
    lines[41] = '999,abc,1,0,1735689600000,true,true';
    const corrupt = lines.join('\n');
    await expect(
      parseImport(corrupt, { format: 'binance-trades', venue: 'binance-spot', symbol: 'ETHUSDT', skipBadRows: false }),
    ).rejects.toThrow(new CsvError(42, 'bad price "abc"'));
    const csv = `time,price,qty,side\n${tape.map((t) => `${t.timeMs},${t.price},${t.size},${t.side}`).join('\n')}\n1735689600000,-1,1,buy\n`;
    const mapping = guessTradeMapping(['time', 'price', 'qty', 'side']);
    expect(mapping).toEqual({ time: 0, price: 1, size: 2, side: 3, sideIsMakerFlag: false });
    const skipped = await parseImport(csv, {
      format: 'csv-trades',
      venue: 'demo',
      symbol: 'X',
      mapping: mapping as never,
      skipBadRows: true,
    });
    expect([skipped.rows, skipped.skipped, skipped.problems[0]?.line]).toEqual([tape.length, 1, tape.length + 2]);
  });

  it('imports klines and rolls them up exactly', async () => {
    const t0 = Date.UTC(2023, 2, 17, 0, 0);
    const rows = Array.from({ length: 120 }, (_, i) => {
      const open = t0 + i * 60_000;
      return `${open},100.10,101.20,99.90,100.50,1.5,${open + 59_999},150.3,7,0.5,50.1,0`;
    });
    const result = await parseImport(rows.join('\n'), {
      format: 'binance-klines',
      venue: 'binance-spot',
      symbol: 'BTCUSDT',
      skipBadRows: false,
    });
    const hours = result.candles.filter((c) => c.timeframe === '1h');
    expect(hours.map((h) => [h.openTimeMs, h.volume, h.buyVolume, h.sellVolume, h.trades])).toEqual([
      [t0, '90', '30', '60', 420],
      [t0 + 3_600_000, '90', '30', '60', 420],
    ]);
    expect(result.candles.some((c) => c.timeframe === '15s')).toBe(false);
  });

  it('reads a zipped file', () => {
    const name = 'ETHUSDT-trades-2025-01-01.csv';
    const data = Buffer.from(binanceCsv);
    const compressed = deflateRawSync(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(0, 42);
    const cdOffset = 30 + name.length + compressed.length;
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(cdOffset, 16);
    const zip = new Uint8Array(Buffer.concat([local, Buffer.from(name), compressed, central, Buffer.from(name), eocd]));
    expect(isZip(zip)).toBe(true);
    const [entry] = readZipEntries(zip);
    expect(entry?.name).toBe(name);
    expect(entry?.size).toBe(data.length);
    expect(Buffer.from(entry!.compressed).equals(compressed)).toBe(true);
  });
});
