import { parseDecimal } from '../decimal/decimal';
import type { Trade, VenueId } from '../exchange/types';
import { CsvError, epochToMs, lines, parseBool } from './csv-error';

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

function isHeader(line: string): boolean {
  const c = line.charCodeAt(0);
  return !(c >= 48 && c <= 57);
}

/**
 * Parses a whole file; any bad row throws a CsvError naming its line, so a caller never keeps a
 * partial result. An optional header row is skipped.
 */
export function parseBinanceTradesCsv(
  text: string,
  format: BinanceTradeFileFormat,
  venue: VenueId = 'binance-spot',
  symbol = 'UNKNOWN',
): Trade[] {
  const layout = LAYOUT[format];
  const trades: Trade[] = [];
  let first = true;
  for (const [number, line] of lines(text)) {
    if (first && isHeader(line)) {
      first = false;
      continue;
    }
    first = false;
    const cells = line.split(',');
    if (cells.length !== layout.columns) {
      throw new CsvError(number, `expected ${layout.columns} columns (${format}), found ${cells.length}`);
    }
    const id = Number(cells[0]);
    if (!/^\d+$/.test((cells[0] as string).trim()) || !Number.isSafeInteger(id)) {
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
    if (!/^\d+$/.test(timeText) || rawTime <= 0) {
      throw new CsvError(number, `bad time ${JSON.stringify(cells[layout.time])}`);
    }
    const maker = parseBool(cells[layout.maker] as string);
    if (maker === null) throw new CsvError(number, `bad is_buyer_maker ${JSON.stringify(cells[layout.maker])}`);
    trades.push({ venue, symbol, id, timeMs: epochToMs(rawTime), price, size, side: maker ? 'sell' : 'buy' });
  }
  return trades;
}
