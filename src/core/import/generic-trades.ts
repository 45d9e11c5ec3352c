import { parseDecimal } from '../decimal/decimal';
import type { TakerSide, Trade, VenueId } from '../exchange/types';
import { CsvError, epochToMs, parseBool } from '../csv/csv-error';
import { isPlausibleSymbol, isVenueId } from './instrument';

/** Which column holds what, for CSV files whose layout we do not know. */
export interface TradeColumnMapping {
  readonly time: number;
  readonly price: number;
  readonly size: number;
  /** Taker side ("buy"/"sell"/"b"/"s"), or is_buyer_maker (true ⇒ sell) with `sideIsMakerFlag`. */
  readonly side?: number;
  readonly sideIsMakerFlag?: boolean;
  readonly id?: number;
}

const ALIASES: Record<keyof Omit<TradeColumnMapping, 'sideIsMakerFlag'>, readonly string[]> = {
  time: ['time', 'timestamp', 'ts', 'time_ms', 'timems', 'trade_time', 'trade_time_ms', 'datetime', 'date', 't'],
  price: ['price', 'px', 'p', 'rate'],
  size: ['size', 'qty', 'quantity', 'amount', 'volume', 'sz', 'q', 'v'],
  side: ['side', 'taker_side', 'is_buyer_maker', 'isbuyermaker', 'm', 'type'],
  id: ['id', 'trade_id', 'tradeid', 'tid'],
};

/** Guesses a mapping from a header row; null fields are for the user to pick in the preview. */
export function guessTradeMapping(header: readonly string[]): Partial<TradeColumnMapping> {
  const names = header.map((h) => h.trim().toLowerCase());
  const find = (aliases: readonly string[]) => {
    const i = names.findIndex((n) => aliases.includes(n));
    return i < 0 ? undefined : i;
  };
  const mapping: { -readonly [K in keyof TradeColumnMapping]?: TradeColumnMapping[K] } = {};
  for (const key of ['time', 'price', 'size', 'side', 'id'] as const) {
    const i = find(ALIASES[key]);
    if (i !== undefined) mapping[key] = i;
  }
  if (mapping.side !== undefined) {
    const name = names[mapping.side] ?? '';
    mapping.sideIsMakerFlag = name.includes('maker') || name === 'm';
  }
  return mapping;
}

/** Time as epoch s/ms/µs/ns numbers or ISO-8601 text, to ms. */
export function parseTime(text: string): number | null {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) {
    const n = Number(t);
    if (n > 1e17) return Math.floor(n / 1e6); // ns
    if (n > 1e14) return epochToMs(n); // µs
    if (n > 1e11) return Math.floor(n); // ms
    return Math.round(n * 1000); // s
  }
  const ms = Date.parse(t);
  return Number.isFinite(ms) ? ms : null;
}

function parseSide(text: string, makerFlag: boolean): TakerSide | null {
  const t = text.trim().toLowerCase();
  if (makerFlag) {
    const maker = parseBool(t);
    return maker === null ? null : maker ? 'sell' : 'buy';
  }
  if (t === 'buy' || t === 'b' || t === 'bid') return 'buy';
  if (t === 'sell' || t === 's' || t === 'ask') return 'sell';
  if (t === '' || t === 'unknown') return 'unknown';
  return null;
}

/**
 * Reads a generic trades CSV one line at a time: the first line is the header, then one trade a
 * line through the column mapping. A bad row throws a CsvError naming its line.
 */
export class GenericTradeRows {
  private header = true;

  constructor(
    private readonly mapping: TradeColumnMapping,
    private readonly venue: VenueId,
    private readonly symbol: string,
  ) {}

  row(number: number, line: string): Trade | null {
    if (this.header) {
      this.header = false;
      return null;
    }
    return tradeFromCells(line.split(','), this.mapping, this.venue, this.symbol, number);
  }
}

export function tradeFromCells(
  cells: readonly string[],
  mapping: TradeColumnMapping,
  venue: VenueId,
  symbol: string,
  line: number,
): Trade {
  const cell = (i: number | undefined, name: string) => {
    const v = i === undefined ? undefined : cells[i];
    if (v === undefined) throw new CsvError(line, `missing ${name} column`);
    return v.trim();
  };
  const timeMs = parseTime(cell(mapping.time, 'time'));
  if (timeMs === null) throw new CsvError(line, `bad time ${JSON.stringify(cells[mapping.time])}`);
  const price = cell(mapping.price, 'price');
  const p = parseDecimal(price);
  if (p === null || !(p.units > 0)) throw new CsvError(line, `bad price ${JSON.stringify(price)}`);
  const size = cell(mapping.size, 'size');
  const q = parseDecimal(size);
  if (q === null || !(q.units > 0)) throw new CsvError(line, `bad size ${JSON.stringify(size)}`);
  const side =
    mapping.side === undefined ? 'unknown' : parseSide(cell(mapping.side, 'side'), mapping.sideIsMakerFlag ?? false);
  if (side === null) throw new CsvError(line, `bad side ${JSON.stringify(cells[mapping.side as number])}`);
  const trade: Trade = { venue, symbol, timeMs, price, size, side };
  if (mapping.id === undefined) return trade;
  const id = Number(cell(mapping.id, 'id'));
  if (!Number.isSafeInteger(id) || id < 0) throw new CsvError(line, `bad id ${JSON.stringify(cells[mapping.id])}`);
  return { ...trade, id };
}

/**
 * NDJSON trades, one object a line: the `normalize` command's output ({"type":"trade",…}) or any
 * object with time/timeMs/T, price/p, size/qty/q and optional side/id. Non-trade lines (quotes)
 * give null, not errors. A row may name its own venue and symbol (normalize prints them): they
 * must be a known venue and a plausible symbol; which instruments a file may mix is the
 * caller's rule (see TradeStream).
 */
export class NdjsonTradeRows {
  constructor(
    private readonly venue: VenueId,
    private readonly symbol: string,
  ) {}

  row(number: number, line: string): Trade | null {
    let obj: Record<string, unknown>;
    try {
      obj = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new CsvError(number, 'not JSON');
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new CsvError(number, 'not a JSON object');
    if (obj['type'] !== undefined && obj['type'] !== 'trade') return null;
    const pick = (...keys: string[]) => {
      for (const k of keys) {
        const v = Object.hasOwn(obj, k) ? obj[k] : undefined;
        if (typeof v === 'string' || typeof v === 'number') return String(v);
        if (v !== undefined && v !== null) throw new CsvError(number, `${k} must be a string or a number`);
      }
      return undefined;
    };
    const cells = [
      pick('timeMs', 'time', 'T', 'ts', 'timestamp'),
      pick('price', 'p', 'px'),
      pick('size', 'qty', 'q', 'amount', 'sz'),
      pick('side', 'S') ?? '',
      pick('id', 't', 'tradeId') ?? '',
    ];
    const mapping: TradeColumnMapping = { time: 0, price: 1, size: 2, side: 3, ...(cells[4] !== '' ? { id: 4 } : {}) };
    const venue = Object.hasOwn(obj, 'venue') ? obj['venue'] : this.venue;
    if (typeof venue !== 'string' || !isVenueId(venue)) {
      throw new CsvError(number, `unknown venue ${JSON.stringify(venue)}`);
    }
    const symbol = Object.hasOwn(obj, 'symbol') ? obj['symbol'] : this.symbol;
    if (typeof symbol !== 'string' || !isPlausibleSymbol(symbol)) {
      throw new CsvError(number, `bad symbol ${JSON.stringify(symbol)?.slice(0, 80)}`);
    }
    return tradeFromCells(
      cells.map((c) => c ?? ''),
      mapping,
      venue,
      symbol,
      number,
    );
  }
}
