import { parseDecimal } from '../decimal/decimal';
import type { Trade, VenueId } from '../exchange/types';
import { CsvError, epochToMs, parseBool } from './csv-error';
import { isHeaderCell } from './csv-number';

export type BinanceTradeFileFormat = 'binance-trades' | 'binance-aggtrades';

/**
 * Column positions of Binance's public-data files (data.binance.vision), headerless:
 * trades:    id,price,qty,quote_qty,time,is_buyer_maker,is_best_match
 * aggTrades: agg_trade_id,price,qty,first_trade_id,last_trade_id,time,is_buyer_maker,is_best_match
 */
const LAYOUT: Record<BinanceTradeFileFormat, { columns: number; time: number; maker: number }> = {
  'binance-trades': { columns: 7, time: 4, maker: 5 },
  'binance-aggtrades': { columns: 8, time: 5, maker: 6 },
};

const DIGITS = /^\d+$/;

/**
 * Reads a Binance trades or aggTrades file one line at a time. The first line may be a header
 * (Binance added one in 2025): it must have the layout's column count and names only; anything
 * else on the first line is read as data, so a stray line is an error, never silently skipped.
 */
export class BinanceTradeRows {
  private readonly layout;
  private first = true;

  constructor(
    private readonly format: BinanceTradeFileFormat,
    private readonly venue: VenueId = 'binance-spot',
    private readonly symbol = 'UNKNOWN',
  ) {
    this.layout = LAYOUT[format];
  }

  /** The trade on this line, or null for the header; a bad row throws a CsvError naming the line. */
  row(number: number, line: string): Trade | null {
    const layout = this.layout;
    const cells = line.split(',');
    if (this.first) {
      this.first = false;
      const c = line.charCodeAt(0);
      if (!(c >= 48 && c <= 57) && cells.length === layout.columns && cells.every(isHeaderCell)) return null;
    }
    if (cells.length !== layout.columns) {
      throw new CsvError(number, `expected ${layout.columns} columns (${this.format}), found ${cells.length}`);
    }
    const idText = (cells[0] as string).trim();
    const id = Number(idText);
    if (!DIGITS.test(idText) || !Number.isSafeInteger(id)) {
      throw new CsvError(number, `bad id ${JSON.stringify(cells[0])}`);
    }
    const price = (cells[1] as string).trim();
    const size = (cells[2] as string).trim();
    const p = parseDecimal(price);
    if (p === null || !(p.units > 0)) throw new CsvError(number, `bad price ${JSON.stringify(cells[1])}`);
    const q = parseDecimal(size);
    if (q === null || !(q.units > 0)) throw new CsvError(number, `bad quantity ${JSON.stringify(cells[2])}`);
    const timeText = (cells[layout.time] as string).trim();
    const rawTime = Number(timeText);
    // Digits only: "1.72316e+15" is a number too, but one that lost the time's precision.
    if (!DIGITS.test(timeText) || !(rawTime > 0) || !Number.isSafeInteger(rawTime)) {
      throw new CsvError(number, `bad time ${JSON.stringify(cells[layout.time])}`);
    }
    const maker = parseBool(cells[layout.maker] as string);
    if (maker === null) throw new CsvError(number, `bad is_buyer_maker ${JSON.stringify(cells[layout.maker])}`);
    return {
      venue: this.venue,
      symbol: this.symbol,
      id,
      timeMs: epochToMs(rawTime),
      price,
      size,
      side: maker ? 'sell' : 'buy',
    };
  }
}
