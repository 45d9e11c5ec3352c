import type { Candle } from '../candles/candle';
import { TIMEFRAMES, timeframeMs, type TimeframeId } from '../candles/timeframe';
import { compare, formatDecimal, parseDecimal, subtract, type Decimal } from '../decimal/decimal';
import type { VenueId } from '../exchange/types';
import { CsvError, epochToMs, lines } from './csv-error';

/**
 * Binance public-data klines, headerless (a header row is skipped):
 * open_time,open,high,low,close,volume,close_time,quote_volume,trades,taker_buy_base,taker_buy_quote,ignore
 * Times in ms, or µs since 2025. The bar length comes from close_time − open_time + 1.
 */
export function parseBinanceKlinesCsv(
  text: string,
  venue: VenueId,
  symbol: string,
): { timeframe: TimeframeId; candles: Candle[] } {
  const candles: Candle[] = [];
  let timeframe: TimeframeId | null = null;
  let first = true;
  let previousOpen = -Infinity;
  for (const [number, line] of lines(text)) {
    if (first && !/^\d/.test(line)) {
      first = false;
      continue;
    }
    first = false;
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length !== 12) throw new CsvError(number, `expected 12 columns (binance-klines), found ${cells.length}`);
    const openRaw = Number(cells[0]);
    const closeRaw = Number(cells[6]);
    if (!Number.isInteger(openRaw) || openRaw <= 0)
      throw new CsvError(number, `bad open_time ${JSON.stringify(cells[0])}`);
    if (!Number.isInteger(closeRaw) || closeRaw <= openRaw)
      throw new CsvError(number, `bad close_time ${JSON.stringify(cells[6])}`);
    const openTimeMs = epochToMs(openRaw);
    const lengthMs = epochToMs(closeRaw) - openTimeMs + 1;
    const tf = TIMEFRAMES.find((t) => timeframeMs(t) === lengthMs);
    if (tf === undefined) throw new CsvError(number, `bar length ${lengthMs} ms is not a supported timeframe`);
    if (timeframe !== null && tf !== timeframe)
      throw new CsvError(number, `bar length changes from ${timeframe} to ${tf}`);
    timeframe = tf;
    if (openTimeMs <= previousOpen) throw new CsvError(number, 'open times must increase');
    previousOpen = openTimeMs;
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
    if (!Number.isInteger(trades) || trades < 0) throw new CsvError(number, `bad trades ${JSON.stringify(cells[8])}`);
    const sellVolume = subtract(volume, buyVolume);
    const base = Number(formatDecimal(volume));
    candles.push({
      venue,
      symbol,
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
    });
  }
  if (timeframe === null) throw new CsvError(1, 'no klines in file');
  return { timeframe, candles };
}
