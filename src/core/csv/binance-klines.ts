import type { Candle } from '../candles/candle';
import { TIMEFRAMES, timeframeMs, type TimeframeId } from '../candles/timeframe';
import { compare, formatDecimal, parseDecimal, subtract, type Decimal } from '../decimal/decimal';
import type { VenueId } from '../exchange/types';
import { CsvError, epochToMs } from './csv-error';
import { isHeaderCell } from './csv-number';

const COLUMNS = 12;

/**
 * Binance public-data klines, one line at a time, headerless (a header row of 12 names is
 * skipped; any other non-data first line is an error):
 * open_time,open,high,low,close,volume,close_time,quote_volume,trades,taker_buy_base,taker_buy_quote,ignore
 * Times in ms, or µs since 2025. The bar length comes from close_time − open_time + 1.
 */
export class BinanceKlineRows {
  /** The file's bar length, once a row was read. */
  timeframe: TimeframeId | null = null;
  private first = true;
  private previousOpen = -Infinity;

  constructor(
    private readonly venue: VenueId,
    private readonly symbol: string,
  ) {}

  row(number: number, line: string): Candle | null {
    const cells = line.split(',').map((c) => c.trim());
    if (this.first) {
      this.first = false;
      if (!/^\d/.test(line) && cells.length === COLUMNS && cells.every(isHeaderCell)) return null;
    }
    if (cells.length !== COLUMNS) {
      throw new CsvError(number, `expected ${COLUMNS} columns (binance-klines), found ${cells.length}`);
    }
    const openRaw = Number(cells[0]);
    const closeRaw = Number(cells[6]);
    if (!/^\d+$/.test(cells[0] as string) || !Number.isSafeInteger(openRaw) || openRaw <= 0)
      throw new CsvError(number, `bad open_time ${JSON.stringify(cells[0])}`);
    if (!/^\d+$/.test(cells[6] as string) || !Number.isSafeInteger(closeRaw) || closeRaw <= openRaw)
      throw new CsvError(number, `bad close_time ${JSON.stringify(cells[6])}`);
    const openTimeMs = epochToMs(openRaw);
    const lengthMs = epochToMs(closeRaw) - openTimeMs + 1;
    const tf = TIMEFRAMES.find((t) => timeframeMs(t) === lengthMs);
    if (tf === undefined) throw new CsvError(number, `bar length ${lengthMs} ms is not a supported timeframe`);
    if (this.timeframe !== null && tf !== this.timeframe)
      throw new CsvError(number, `bar length changes from ${this.timeframe} to ${tf}`);
    this.timeframe = tf;
    if (openTimeMs <= this.previousOpen) throw new CsvError(number, 'open times must increase');
    this.previousOpen = openTimeMs;
    const num = (i: number, name: string, positive: boolean): Decimal => {
      const d = parseDecimal(cells[i] as string);
      if (d === null || (positive ? !(d.units > 0) : d.units < 0))
        throw new CsvError(number, `bad ${name} ${JSON.stringify(cells[i])}`);
      return d;
    };
    const [open, high, low, close] = [
      num(1, 'open', true),
      num(2, 'high', true),
      num(3, 'low', true),
      num(4, 'close', true),
    ];
    if (compare(low, open) > 0 || compare(low, close) > 0 || compare(high, open) < 0 || compare(high, close) < 0) {
      throw new CsvError(number, 'need low ≤ open, close ≤ high');
    }
    const volume = num(5, 'volume', false);
    const quoteVolume = num(7, 'quote_volume', false);
    const buyVolume = num(9, 'taker_buy_base', false);
    if (compare(buyVolume, volume) > 0) throw new CsvError(number, 'taker_buy_base exceeds volume');
    const trades = Number(cells[8]);
    if (!/^\d+$/.test(cells[8] as string) || !Number.isSafeInteger(trades))
      throw new CsvError(number, `bad trades ${JSON.stringify(cells[8])}`);
    const sellVolume = subtract(volume, buyVolume);
    const base = Number(formatDecimal(volume));
    return {
      venue: this.venue,
      symbol: this.symbol,
      timeframe: tf,
      openTimeMs,
      open: cells[1] as string,
      high: cells[2] as string,
      low: cells[3] as string,
      close: cells[4] as string,
      volume: formatDecimal(volume),
      quoteVolume: formatDecimal(quoteVolume),
      buyVolume: formatDecimal(buyVolume),
      sellVolume: formatDecimal(sellVolume),
      trades,
      vwap: base > 0 ? Number(formatDecimal(quoteVolume)) / base : Number(cells[4]),
      closed: true,
    };
  }
}
