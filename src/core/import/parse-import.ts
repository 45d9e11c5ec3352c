import { CandleAggregator } from '../candles/aggregator';
import type { Candle } from '../candles/candle';
import { TIMEFRAMES, timeframeMs } from '../candles/timeframe';
import { resampleCandles } from '../candles/resample';
import { BinanceKlineRows } from '../csv/binance-klines';
import { BinanceTradeRows } from '../csv/binance-trades';
import { CsvError } from '../csv/csv-error';
import { forEachLine, textChunks } from '../csv/line-batches';
import type { Trade, VenueId } from '../exchange/types';
import type { ImportFormat } from './detect-format';
import { GenericTradeRows, NdjsonTradeRows, type TradeColumnMapping } from './generic-trades';
import { TradeStream, type TradeRowParser } from './trade-stream';

export interface ImportOptions {
  readonly format: ImportFormat;
  /** Where the import is stored: the user's choice, never a row's. */
  readonly venue: VenueId;
  readonly symbol: string;
  /** Required for `csv-trades`. */
  readonly mapping?: TradeColumnMapping;
  /** Skip bad rows and count them, instead of refusing the whole file. */
  readonly skipBadRows: boolean;
  /** NDJSON naming several instruments: keep only rows of this symbol (else the file is refused). */
  readonly onlySymbol?: string;
}

export interface ImportResult {
  readonly kind: 'trades' | 'candles';
  /** Bars on every timeframe the data supports (trades: all nine; klines: the file's and longer). */
  readonly candles: readonly Candle[];
  /** Trades or klines accepted. */
  readonly rows: number;
  readonly skipped: number;
  /** Rows dropped because the same trade (same id, or same time/price/size/side) came before. */
  readonly duplicates: number;
  /** Rows of other symbols left out by `onlySymbol`. */
  readonly otherInstruments: number;
  readonly problems: readonly CsvError[];
  readonly fromMs: number;
  readonly toMs: number;
  /** The span the file is known to hold completely, [from, to): bars inside it are complete. */
  readonly coveredFromMs: number;
  readonly coveredToMs: number;
}

export type TextSource = AsyncIterable<string> | Iterable<string>;

export interface ImportHooks {
  /** Each accepted trade, in file order (the browser stores raw trades from a second pass). */
  readonly onTrade?: (trade: Trade) => void;
  /** Called after each chunk of lines: a place to flush what onTrade collected. */
  readonly afterBatch?: () => Promise<void> | void;
}

/**
 * Turns a file, read as a stream of text chunks, into what gets stored, holding only the bars
 * (never the file or its trades) in memory. Everything is validated before anything is
 * returned: without `skipBadRows`, the first bad row throws a CsvError naming its line.
 */
export async function parseImport(
  source: TextSource | string,
  options: ImportOptions,
  nowMs = Date.now(),
  hooks: ImportHooks = {},
): Promise<ImportResult> {
  const chunks = typeof source === 'string' ? textChunks(source) : source;
  if (options.format === 'binance-klines') return parseKlines(chunks, options, hooks);
  const { venue, symbol } = options;
  const agg = new CandleAggregator({ timeframes: TIMEFRAMES, latenessMs: Number.POSITIVE_INFINITY });
  const stream = new TradeStream(
    rowParser(options),
    {
      skipBadRows: options.skipBadRows,
      nowMs,
      ...(options.onlySymbol !== undefined ? { onlySymbol: options.onlySymbol } : {}),
    },
    (priced) => {
      // Stored under the chosen instrument, whatever a row said.
      const t = priced.trade;
      const trade = t.venue === venue && t.symbol === symbol ? t : { ...t, venue, symbol };
      agg.add(trade === t ? priced : { ...priced, trade });
      hooks.onTrade?.(trade);
    },
  );
  await forEachLine(chunks, (n, line) => stream.line(n, line), hooks.afterBatch);
  stream.finish();
  return {
    kind: 'trades',
    candles: agg.finish().map((u) => u.candle),
    rows: stream.accepted,
    skipped: stream.skipped,
    duplicates: stream.duplicates,
    otherInstruments: stream.otherInstruments,
    problems: stream.problems,
    fromMs: stream.fromMs,
    toMs: stream.toMs,
    // The first and last millisecond may hold more trades than the file has: only inside is complete.
    coveredFromMs: stream.fromMs + 1,
    coveredToMs: stream.toMs,
  };
}

function rowParser(options: ImportOptions): TradeRowParser {
  const { venue, symbol } = options;
  switch (options.format) {
    case 'binance-trades':
    case 'binance-aggtrades':
      return new BinanceTradeRows(options.format, venue, symbol);
    case 'ndjson-trades':
      return new NdjsonTradeRows(venue, symbol);
    case 'csv-trades':
      if (options.mapping === undefined) throw new CsvError(1, 'choose which columns hold time, price and size');
      return new GenericTradeRows(options.mapping, venue, symbol);
    case 'binance-klines':
      throw new Error('klines are not trades');
  }
}

async function parseKlines(chunks: TextSource, options: ImportOptions, hooks: ImportHooks): Promise<ImportResult> {
  const rows = new BinanceKlineRows(options.venue, options.symbol);
  const klines: Candle[] = [];
  const problems: CsvError[] = [];
  let skipped = 0;
  await forEachLine(
    chunks,
    (n, line) => {
      try {
        const kline = rows.row(n, line);
        if (kline !== null) klines.push(kline);
      } catch (error) {
        if (!(error instanceof CsvError) || !options.skipBadRows) throw error;
        skipped++;
        if (problems.length < 20) problems.push(error);
      }
    },
    hooks.afterBatch,
  );
  const timeframe = rows.timeframe;
  const first = klines[0];
  const last = klines[klines.length - 1];
  if (timeframe === null || first === undefined || last === undefined) {
    throw new CsvError(1, `no klines in file${skipped > 0 ? `; ${skipped} bad rows skipped` : ''}`);
  }
  const all = [...klines];
  for (const tf of TIMEFRAMES) {
    if (timeframeMs(tf) > timeframeMs(timeframe)) all.push(...resampleCandles(klines, tf));
  }
  return {
    kind: 'candles',
    candles: all,
    rows: klines.length,
    skipped,
    duplicates: 0,
    otherInstruments: 0,
    problems,
    fromMs: first.openTimeMs,
    toMs: last.openTimeMs,
    coveredFromMs: first.openTimeMs,
    coveredToMs: last.openTimeMs + timeframeMs(timeframe),
  };
}
