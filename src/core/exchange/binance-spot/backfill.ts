import { doneAscending, trimBase, type BackfillPage, type BackfillSource } from '../backfill';
import type { Trade, VenueId } from '../types';
import { preview, isObject, parseJson } from '../wire-values';
import { BINANCE_SPOT_REST } from './wire';

/**
 * Binance REST trade pages (rest-api.md). Both endpoints take an inclusive `fromId` and return
 * ascending ids, so a gap is refilled by walking forward from its first missing id.
 *
 * The id spaces differ: `@trade` ids are trade ids (refill from historicalTrades), `@aggTrade`
 * ids are aggregate ids (refill from aggTrades). Never mix them.
 */

function errorOf(body: unknown): string | undefined {
  if (isObject(body) && 'code' in body) return `${String(body['code'])} ${String(body['msg'])}`;
  return undefined;
}

/** Parses an aggTrades page (spot `/api/v3/aggTrades` and USD-M `/fapi/v1/aggTrades` share rows). */
export function parseBinanceAggTradesPage(body: string, venue: VenueId, symbol: string): BackfillPage {
  const rows = parseJson(body);
  if (!Array.isArray(rows)) {
    return { trades: [], next: null, rejected: 0, error: errorOf(rows) ?? `not a trade list: ${preview(body)}` };
  }
  const trades: Trade[] = [];
  let rejected = 0;
  for (const row of rows) {
    if (
      !isObject(row) ||
      typeof row['a'] !== 'number' ||
      typeof row['p'] !== 'string' ||
      typeof row['q'] !== 'string' ||
      typeof row['T'] !== 'number' ||
      typeof row['m'] !== 'boolean'
    ) {
      rejected++;
      continue;
    }
    trades.push({
      venue,
      symbol,
      id: row['a'],
      timeMs: row['T'],
      price: row['p'],
      size: row['q'],
      side: row['m'] ? 'sell' : 'buy',
    });
  }
  const last = trades[trades.length - 1];
  return { trades, next: last === undefined ? null : String((last.id as number) + 1), rejected };
}

/** Parses a historicalTrades page: `[{id, price, qty, quoteQty, time, isBuyerMaker, isBestMatch}]`. */
export function parseBinanceHistoricalTradesPage(body: string, venue: VenueId, symbol: string): BackfillPage {
  const rows = parseJson(body);
  if (!Array.isArray(rows)) {
    return { trades: [], next: null, rejected: 0, error: errorOf(rows) ?? `not a trade list: ${preview(body)}` };
  }
  const trades: Trade[] = [];
  let rejected = 0;
  for (const row of rows) {
    if (
      !isObject(row) ||
      typeof row['id'] !== 'number' ||
      typeof row['price'] !== 'string' ||
      typeof row['qty'] !== 'string' ||
      typeof row['time'] !== 'number' ||
      typeof row['isBuyerMaker'] !== 'boolean'
    ) {
      rejected++;
      continue;
    }
    trades.push({
      venue,
      symbol,
      id: row['id'],
      timeMs: row['time'],
      price: row['price'],
      size: row['qty'],
      side: row['isBuyerMaker'] ? 'sell' : 'buy',
    });
  }
  const last = trades[trades.length - 1];
  return { trades, next: last === undefined ? null : String((last.id as number) + 1), rejected };
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
