import { doneAscending, trimBase, type BackfillPage, type BackfillSource } from '../backfill';
import type { Trade, VenueId } from '../types';
import { preview, textOf, isObject, parseJson } from '../wire-values';
import { BINANCE_SPOT_REST } from './wire';

/**
 * Binance REST trade pages (rest-api.md). Both endpoints take an inclusive `fromId` and return
 * ascending ids, so a gap is refilled by walking forward from its first missing id.
 *
 * The id spaces differ: `@trade` ids are trade ids (refill from historicalTrades), `@aggTrade`
 * ids are aggregate ids (refill from aggTrades). Never mix them.
 */

function errorOf(body: unknown): string | undefined {
  if (isObject(body) && 'code' in body) return `${textOf(body['code'])} ${textOf(body['msg'])}`;
  return undefined;
}

/** Where the two endpoints keep the same facts: they differ only in field names. */
interface RowFields {
  readonly id: string;
  readonly price: string;
  readonly size: string;
  readonly time: string;
  readonly buyerIsMaker: string;
}

const AGG_TRADE_FIELDS: RowFields = { id: 'a', price: 'p', size: 'q', time: 'T', buyerIsMaker: 'm' };
const HISTORICAL_TRADE_FIELDS: RowFields = {
  id: 'id',
  price: 'price',
  size: 'qty',
  time: 'time',
  buyerIsMaker: 'isBuyerMaker',
};

function parsePage(body: string, venue: VenueId, symbol: string, f: RowFields): BackfillPage {
  const rows = parseJson(body);
  if (!Array.isArray(rows)) {
    return { trades: [], next: null, rejected: 0, error: errorOf(rows) ?? `not a trade list: ${preview(body)}` };
  }
  const trades: Trade[] = [];
  let rejected = 0;
  for (const row of rows) {
    if (!isObject(row)) {
      rejected++;
      continue;
    }
    const id = row[f.id];
    const price = row[f.price];
    const size = row[f.size];
    const time = row[f.time];
    const maker = row[f.buyerIsMaker];
    if (
      typeof id !== 'number' ||
      typeof price !== 'string' ||
      typeof size !== 'string' ||
      typeof time !== 'number' ||
      typeof maker !== 'boolean'
    ) {
      rejected++;
      continue;
    }
    trades.push({ venue, symbol, id, timeMs: time, price, size, side: maker ? 'sell' : 'buy' });
  }
  const last = trades[trades.length - 1];
  return { trades, next: last === undefined ? null : String((last.id as number) + 1), rejected };
}

/** Parses an aggTrades page (spot `/api/v3/aggTrades` and USD-M `/fapi/v1/aggTrades` share rows). */
export function parseBinanceAggTradesPage(body: string, venue: VenueId, symbol: string): BackfillPage {
  return parsePage(body, venue, symbol, AGG_TRADE_FIELDS);
}

/** Parses a historicalTrades page: `[{id, price, qty, quoteQty, time, isBuyerMaker, isBestMatch}]`. */
export function parseBinanceHistoricalTradesPage(body: string, venue: VenueId, symbol: string): BackfillPage {
  return parsePage(body, venue, symbol, HISTORICAL_TRADE_FIELDS);
}

function query(symbol: string, cursor: string, limit: number): string {
  return `symbol=${encodeURIComponent(symbol.toUpperCase())}&fromId=${encodeURIComponent(cursor)}&limit=${limit}`;
}

/** Spot trade ids (`@trade` streams): `GET /api/v3/historicalTrades?fromId=` (no key needed since 2023; weight 25). */
export const binanceSpotHistoricalTrades: BackfillSource = {
  venue: 'binance-spot',
  name: 'historicalTrades',
  defaultBase: BINANCE_SPOT_REST,
  direction: 'ascending',
  maxLimit: 1000,
  cursorForGap: (gap) => String(gap.fromId),
  url: (base, symbol, cursor, limit = 1000) =>
    `${trimBase(base)}/api/v3/historicalTrades?${query(symbol, cursor, limit)}`,
  parse: (body, symbol) => parseBinanceHistoricalTradesPage(body, 'binance-spot', symbol),
  done: doneAscending,
};

/** Spot aggregate ids (`@aggTrade` streams): `GET /api/v3/aggTrades?fromId=` (weight 4; also on data-api.binance.vision). */
export const binanceSpotAggTrades: BackfillSource = {
  venue: 'binance-spot',
  name: 'aggTrades',
  defaultBase: BINANCE_SPOT_REST,
  direction: 'ascending',
  maxLimit: 1000,
  cursorForGap: (gap) => String(gap.fromId),
  url: (base, symbol, cursor, limit = 1000) => `${trimBase(base)}/api/v3/aggTrades?${query(symbol, cursor, limit)}`,
  parse: (body, symbol) => parseBinanceAggTradesPage(body, 'binance-spot', symbol),
  done: doneAscending,
};
