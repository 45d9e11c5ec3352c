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
  readonly buyVolume: number;
  /** Trade count of the bar (both layouts carry it). */
  readonly trades: number;
  /** Absent for Binance klines, which give only the taker-buy side. */
  readonly sellVolume?: number;
}

interface Layout {
  readonly name: string;
  readonly columns: readonly string[];
  /** Column of taker buy and (if present) taker sell volume. */
  readonly buy: number;
  readonly sell: number | null;
  readonly trades: number;
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

const CANDLES: Layout = { name: 'candles', columns: CANDLES_CSV_HEADER.split(','), buy: 7, sell: 8, trades: 9 };
const BINANCE: Layout = { name: 'Binance klines', columns: BINANCE_COLUMNS, buy: 9, sell: null, trades: 8 };
/** Open times above this are microseconds (Binance spot files since 2025); ms stay below it until year 5138. */
const MICROSECONDS_ABOVE = 1e14;

/**
 * Reads a candles CSV one line at a time, for every command that takes candles: the `candles`
 * command's layout (its header first) or Binance klines (12 columns, headerless or with a header
 * of 12 names). The first line must be one of those headers or a klines row: anything else is
 * an error. Every number follows `parseCsvNumber` (finite), open times strictly increase,
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
    // Every column but Binance's unused last one must be a number, even those not used here.
    const values = layout.columns.map((column, i) => {
      if (column === 'ignore') return NaN;
      const value = parseCsvNumber(fields[i] as string);
      if (value === null) {
        throw new CsvError(line, `${column} is not a finite number: ${JSON.stringify(fields[i]?.slice(0, 40))}`);
      }
      return value;
    });
    const at = (i: number): number => values[i] as number;
    let timeMs = at(0);
    if (!Number.isSafeInteger(timeMs) || timeMs < 0) {
      throw new CsvError(line, `open time must be a whole number >= 0, got ${JSON.stringify(fields[0])}`);
    }
    if (timeMs > MICROSECONDS_ABOVE) timeMs = Math.floor(timeMs / 1000);
    const [open, high, low, close, volume] = [at(1), at(2), at(3), at(4), at(5)];
    const buyVolume = at(layout.buy);
    const sellVolume = layout.sell === null ? undefined : at(layout.sell);
    if (!(open > 0 && high > 0 && low > 0 && close > 0)) throw new CsvError(line, 'prices must be positive');
    if (!(low <= open && low <= close && high >= open && high >= close)) {
      throw new CsvError(line, `need low <= open, close <= high (got o=${open} h=${high} l=${low} c=${close})`);
    }
    const sellOk = sellVolume === undefined || (sellVolume >= 0 && sellVolume <= volume);
    if (!(volume >= 0 && buyVolume >= 0 && buyVolume <= volume && sellOk)) {
      throw new CsvError(line, 'volumes must be non-negative and buy/sell volume at most the volume');
    }
    if (!(timeMs > this.previousTime)) {
      throw new CsvError(line, `open time ${timeMs} is not after the previous row's (${this.previousTime})`);
    }
    this.previousTime = timeMs;
    this.rows++;
    const closeText = (fields[4] as string).trim();
    const trades = at(layout.trades);
    return sellVolume === undefined
      ? { timeMs, open, high, low, close, closeText, volume, buyVolume, trades }
      : { timeMs, open, high, low, close, closeText, volume, buyVolume, sellVolume, trades };
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
    throw new CsvError(
      line,
      `neither a header nor data: expected the header "${CANDLES_CSV_HEADER}" or 12-column Binance klines`,
    );
  }

  /** The end of the file: a file without a single bar is an error, not an empty result. */
  finish(): void {
    if (this.rows === 0) throw new CsvError(1, 'no candles in file');
  }
}
