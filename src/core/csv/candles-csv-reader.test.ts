import { describe, expect, it } from 'vitest';
import { CandlesCsvReader } from './candles-csv-reader';
import { CsvError } from './csv-error';

function read(lines: readonly string[]): ReturnType<CandlesCsvReader['row']>[] {
  const reader = new CandlesCsvReader();
  const rows = lines.map((text, i) => reader.row(i + 1, text)).filter((r) => r !== null);
  reader.finish();
  return rows;
}

describe('CandlesCsvReader, a header naming its columns', () => {
  it('reads the OHLCV layout of the kline exports (time in ms, a UTC text column ignored)', () => {
    const rows = read([
      'open_time_ms,open_time_utc,open,high,low,close,volume_base',
      '1679004900000,2023-03-16T22:15:00Z,24899.18,24943.98,24896.29,24934.2,293.13711',
      '1679004960000,2023-03-16T22:16:00Z,24935.6,24946.86,24910.48,24933.42,201.9253',
    ]);
    expect(rows).toEqual([
      {
        timeMs: 1679004900000,
        open: 24899.18,
        high: 24943.98,
        low: 24896.29,
        close: 24934.2,
        closeText: '24934.2',
        volume: 293.13711,
      },
      {
        timeMs: 1679004960000,
        open: 24935.6,
        high: 24946.86,
        low: 24910.48,
        close: 24933.42,
        closeText: '24933.42',
        volume: 201.9253,
      },
    ]);
  });

  it('takes columns in any order, with taker buy volume and trade count when named', () => {
    const rows = read(['Close,Open,High,Low,Volume,Trades,Buy_Volume,open_time', '101,100,102,99,10,7,4,60000']);
    expect(rows).toEqual([
      {
        timeMs: 60000,
        open: 100,
        high: 102,
        low: 99,
        close: 101,
        closeText: '101',
        volume: 10,
        buyVolume: 4,
        trades: 7,
      },
    ]);
  });

  it('names the line and column of a bad number, and refuses a header without a price', () => {
    expect(() => read(['open_time_ms,open,high,low,close,volume', '60000,1,2,x,1.5,3'])).toThrow(
      /low is not a finite number/,
    );
    try {
      read(['open_time_ms,open,high,close,volume', '60000,1,2,1.5,3']);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CsvError);
      expect((error as CsvError).line).toBe(1);
    }
  });
});
