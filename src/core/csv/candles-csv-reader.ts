import { CANDLES_CSV_HEADER } from './candles-csv';
import { CsvError } from './csv-error';
import { isHeaderCell, parseCsvNumber } from './csv-number';

/** One bar of a candles CSV, as numbers, plus the close as the file wrote it. */
export interface CandleCsvRow {
  readonly timeMs: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly closeText: string;
  readonly volume: number;
  /** Taker-buy base volume; absent when the file's layout has no taker side. */
  readonly buyVolume?: number;
  /** Trade count of the bar; absent when the file's layout has no trade count. */
  readonly trades?: number;
  /** Absent for Binance klines, which give only the taker-buy side. */
  readonly sellVolume?: number;
}

interface Layout {
  readonly name: string;
  readonly columns: readonly string[];
  /** Columns of the open time, open, high, low, close and base volume, in that order. */
  readonly bar: readonly [number, number, number, number, number, number];
  /** Columns of taker buy and sell volume and the trade count, when the layout has them. */
  readonly buy: number | null;
  readonly sell: number | null;
  readonly trades: number | null;
  /** Columns that must hold numbers (a fixed layout checks them all, even those not used here). */
  readonly numeric: readonly number[];
}

const BINANCE_COLUMNS = [
  'open_time',
  'open',
  'high',
  'low',
  'close',
  'volume',
  'close_time',
  'quote_volume',
  'trades',
  'taker_buy_base',
  'taker_buy_quote',
  'ignore',
] as const;

const BAR = [0, 1, 2, 3, 4, 5] as const;
const CANDLES_COLUMNS = CANDLES_CSV_HEADER.split(',');
const CANDLES: Layout = {
  name: 'candles',
  columns: CANDLES_COLUMNS,
  bar: BAR,
  buy: 7,
  sell: 8,
  trades: 9,
  numeric: CANDLES_COLUMNS.map((_, i) => i),
};
const BINANCE: Layout = {
  name: 'Binance klines',
  columns: BINANCE_COLUMNS,
  bar: BAR,
  buy: 9,
  sell: null,
  trades: 8,
  // The last column is Binance's unused "ignore".
  numeric: BINANCE_COLUMNS.slice(0, -1).map((_, i) => i),
};

/**
 * Column names accepted in a named OHLCV header (case-insensitive, any order, other columns
 * ignored): the first name of each list found is used.
 */
const NAMED_COLUMNS = {
  time: ['open_time_ms', 'open_time', 'timestamp_ms', 'time_ms'],
  open: ['open'],
  high: ['high'],
  low: ['low'],
  close: ['close'],
  volume: ['volume', 'volume_base', 'base_volume'],
  buy: ['buy_volume', 'taker_buy_base', 'taker_buy_volume', 'taker_buy_base_volume'],
  sell: ['sell_volume', 'taker_sell_base'],
  trades: ['trades', 'trade_count', 'number_of_trades', 'count'],
} as const;
/** Open times above this are microseconds (Binance spot files since 2025); ms stay below it until year 5138. */
const MICROSECONDS_ABOVE = 1e14;

/**
 * Reads a candles CSV one line at a time, for every command that takes candles: the `candles`
 * command's layout (its header first), Binance klines (12 columns, headerless or with a header
 * of 12 names), or any header naming an open time in ms, open, high, low, close and volume
 * (`NAMED_COLUMNS`; e.g. `open_time_ms,open_time_utc,open,high,low,close,volume_base`), whose
 * other columns are ignored. The first line must be one of those headers or a klines row:
 * anything else is an error. Every number follows `parseCsvNumber` (finite), open times strictly increase,
 * prices are positive with low ≤ open, close ≤ high, volumes non-negative. Errors are CsvErrors
 * naming the line.
 */
export class CandlesCsvReader {
  private layout: Layout | null = null;
  private previousTime = -Infinity;
  rows = 0;

  row(line: number, text: string): CandleCsvRow | null {
    const fields = text.split(',');
    let layout = this.layout;
    if (layout === null) {
      layout = this.detect(fields, line);
      this.layout = layout;
      if (fields.every(isHeaderCell)) return null;
    }
    if (fields.length !== layout.columns.length) {
      throw new CsvError(
        line,
        `expected ${layout.columns.length} columns (${layout.name} layout), got ${fields.length}`,
      );
    }
    const values = new Map<number, number>();
    for (const i of layout.numeric) {
      const value = parseCsvNumber(fields[i] as string);
      if (value === null) {
        const column = layout.columns[i] as string;
        throw new CsvError(line, `${column} is not a finite number: ${JSON.stringify(fields[i]?.slice(0, 40))}`);
      }
      values.set(i, value);
    }
    const at = (i: number): number => values.get(i) as number;
    const optional = (i: number | null): number | undefined => (i === null ? undefined : at(i));
    const [timeAt, openAt, highAt, lowAt, closeAt, volumeAt] = layout.bar;
    let timeMs = at(timeAt);
    if (!Number.isSafeInteger(timeMs) || timeMs < 0) {
      throw new CsvError(line, `open time must be a whole number >= 0, got ${JSON.stringify(fields[timeAt])}`);
    }
    if (timeMs > MICROSECONDS_ABOVE) timeMs = Math.floor(timeMs / 1000);
    const [open, high, low, close, volume] = [at(openAt), at(highAt), at(lowAt), at(closeAt), at(volumeAt)];
    const buyVolume = optional(layout.buy);
    const sellVolume = optional(layout.sell);
    if (!(open > 0 && high > 0 && low > 0 && close > 0)) throw new CsvError(line, 'prices must be positive');
    if (!(low <= open && low <= close && high >= open && high >= close)) {
      throw new CsvError(line, `need low <= open, close <= high (got o=${open} h=${high} l=${low} c=${close})`);
    }
    const sideOk = (v: number | undefined): boolean => v === undefined || (v >= 0 && v <= volume);
    if (!(volume >= 0 && sideOk(buyVolume) && sideOk(sellVolume))) {
      throw new CsvError(line, 'volumes must be non-negative and buy/sell volume at most the volume');
    }
    if (!(timeMs > this.previousTime)) {
      throw new CsvError(line, `open time ${timeMs} is not after the previous row's (${this.previousTime})`);
    }
    this.previousTime = timeMs;
    this.rows++;
    const closeText = (fields[closeAt] as string).trim();
    const trades = optional(layout.trades);
    return {
      timeMs,
      open,
      high,
      low,
      close,
      closeText,
      volume,
      ...(buyVolume !== undefined ? { buyVolume } : {}),
      ...(sellVolume !== undefined ? { sellVolume } : {}),
      ...(trades !== undefined ? { trades } : {}),
    };
  }

  private detect(fields: readonly string[], line: number): Layout {
    const names = fields.map((f) => f.trim().toLowerCase());
    if (names.join(',') === CANDLES_CSV_HEADER) return CANDLES;
    if (
      fields.length === BINANCE_COLUMNS.length &&
      (fields.every(isHeaderCell) || parseCsvNumber(fields[0] ?? '') !== null)
    ) {
      return BINANCE;
    }
    const named = fields.every(isHeaderCell) ? namedLayout(names) : null;
    if (named !== null) return named;
    throw new CsvError(
      line,
      `neither a header nor data: expected the header "${CANDLES_CSV_HEADER}", 12-column Binance klines, ` +
        'or a header naming open_time_ms, open, high, low, close and volume',
    );
  }

  /** The end of the file: a file without a single bar is an error, not an empty result. */
  finish(): void {
    if (this.rows === 0) throw new CsvError(1, 'no candles in file');
  }
}

/** A layout from a header's names, or null when it lacks the time, a price or the volume. */
function namedLayout(names: readonly string[]): Layout | null {
  const find = (choices: readonly string[]): number | null => {
    for (const choice of choices) {
      const i = names.indexOf(choice);
      if (i >= 0) return i;
    }
    return null;
  };
  const required = [
    NAMED_COLUMNS.time,
    NAMED_COLUMNS.open,
    NAMED_COLUMNS.high,
    NAMED_COLUMNS.low,
    NAMED_COLUMNS.close,
    NAMED_COLUMNS.volume,
  ].map(find);
  if (required.some((i) => i === null)) return null;
  const bar = required as [number, number, number, number, number, number];
  const buy = find(NAMED_COLUMNS.buy);
  const sell = find(NAMED_COLUMNS.sell);
  const trades = find(NAMED_COLUMNS.trades);
  const numeric = [...bar, buy, sell, trades].filter((i): i is number => i !== null);
  return { name: 'named header', columns: names, bar, buy, sell, trades, numeric };
}
