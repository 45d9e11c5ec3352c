import { CandleAggregator } from '../candles/aggregator';
import type { Candle } from '../candles/candle';
import { TIMEFRAMES, timeframeMs } from '../candles/timeframe';
import { resampleCandles } from '../candles/resample';
import { parseBinanceKlinesCsv } from '../csv/binance-klines';
import { parseBinanceTradesCsv } from '../csv/binance-trades';
import { CsvError } from '../csv/csv-error';
import type { Trade, VenueId } from '../exchange/types';
import { validateTrade } from '../exchange/validate';
import type { ImportFormat } from './detect-format';
import { parseGenericTradesCsv, parseNdjsonTrades, type TradeColumnMapping } from './generic-trades';

export interface ImportOptions {
  readonly format: ImportFormat;
  readonly venue: VenueId;
  readonly symbol: string;
  /** Required for `csv-trades`. */
  readonly mapping?: TradeColumnMapping;
  /** Skip bad rows and count them, instead of refusing the whole file. */
  readonly skipBadRows: boolean;
}

export interface ImportResult {
  readonly kind: 'trades' | 'candles';
  readonly trades: readonly Trade[];
  /** Bars on every timeframe the data supports (trades: all nine; klines: the file's and longer). */
  readonly candles: readonly Candle[];
  readonly rows: number;
  readonly skipped: number;
  readonly problems: readonly CsvError[];
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * Turns a whole file into what gets stored. Everything is validated before anything is returned:
 * without `skipBadRows`, the first bad row throws a CsvError naming its line and nothing is
 * imported.
 */
export function parseImport(text: string, options: ImportOptions, nowMs = Date.now()): ImportResult {
  const { venue, symbol, skipBadRows } = options;
  if (options.format === 'binance-klines') {
    const { timeframe, candles } = parseBinanceKlinesCsv(text, venue, symbol);
    const all = [...candles];
    for (const tf of TIMEFRAMES) {
      if (timeframeMs(tf) > timeframeMs(timeframe)) all.push(...resampleCandles(candles, tf));
    }
    return summary('candles', [], all, candles.length, 0, [], candles);
  }
  let trades: Trade[];
  let skipped = 0;
  let problems: CsvError[] = [];
  if (options.format === 'binance-trades' || options.format === 'binance-aggtrades') {
    trades = parseBinanceTradesCsv(text, options.format, venue, symbol);
  } else if (options.format === 'ndjson-trades') {
    ({ rows: trades, skipped, problems } = parseNdjsonTrades(text, venue, symbol, skipBadRows));
  } else {
    if (options.mapping === undefined) throw new CsvError(1, 'choose which columns hold time, price and size');
    ({ rows: trades, skipped, problems } = parseGenericTradesCsv(text, options.mapping, venue, symbol, skipBadRows));
  }
  if (trades.length === 0) throw new CsvError(1, 'no trades in file');
  const candles = aggregateAll(trades, nowMs);
  return summary('trades', trades, candles, trades.length, skipped, problems, trades);
}

function aggregateAll(trades: readonly Trade[], nowMs: number): Candle[] {
  const agg = new CandleAggregator({ timeframes: TIMEFRAMES, latenessMs: Number.POSITIVE_INFINITY });
  for (const t of trades) {
    const v = validateTrade(t, nowMs);
    if (!v.ok) throw new Error(`invalid trade at ${t.timeMs}: ${v.detail}`);
    agg.add(v.value);
  }
  return agg.finish().map((u) => u.candle);
}

function summary(
  kind: ImportResult['kind'],
  trades: readonly Trade[],
  candles: readonly Candle[],
  rows: number,
  skipped: number,
  problems: readonly CsvError[],
  timed: readonly { timeMs?: number; openTimeMs?: number }[],
): ImportResult {
  let fromMs = Infinity;
  let toMs = -Infinity;
  for (const r of timed) {
    const t = r.timeMs ?? r.openTimeMs ?? 0;
    if (t < fromMs) fromMs = t;
    if (t > toMs) toMs = t;
  }
  return { kind, trades, candles, rows, skipped, problems, fromMs, toMs };
}
