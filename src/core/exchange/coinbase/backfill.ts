import { doneDescending, trimBase, type BackfillSource } from '../backfill';
import type { Trade } from '../types';
import { preview, isObject, parseJson, rfc3339ToMs } from '../wire-values';
import { coinbaseTakerSide } from './parser';
import { COINBASE_REST } from './wire';

/**
 * `GET /products/{id}/trades?limit=1000&after=<trade_id>`: trades with ids below `after`, newest
 * first (cursor pagination walks to older trades). A gap is refilled from its end backwards.
 * `side` is the maker side, as on the `matches` channel.
 */
export const coinbaseTrades: BackfillSource = {
  venue: 'coinbase',
  name: 'trades',
  defaultBase: COINBASE_REST,
  direction: 'descending',
  maxLimit: 1000,
  cursorForGap: (gap) => String(gap.toId + 1),
  url: (base, symbol, cursor, limit = 1000) =>
    `${trimBase(base)}/products/${encodeURIComponent(symbol)}/trades?limit=${limit}&after=${encodeURIComponent(cursor)}`,
  parse(body, symbol) {
    const rows = parseJson(body);
    if (!Array.isArray(rows)) {
      const error =
        isObject(rows) && typeof rows['message'] === 'string' ? rows['message'] : `not a trade list: ${preview(body)}`;
      return { trades: [], next: null, rejected: 0, error };
    }
    const trades: Trade[] = [];
    let rejected = 0;
    // Newest first on the wire; walk backwards so the page comes out ascending.
    for (let i = rows.length - 1; i >= 0; i--) {
      const row: unknown = rows[i];
      const side = isObject(row) ? coinbaseTakerSide(row['side']) : null;
      const timeMs = isObject(row) ? rfc3339ToMs(row['time']) : NaN;
      if (
        !isObject(row) ||
        side === null ||
        Number.isNaN(timeMs) ||
        typeof row['trade_id'] !== 'number' ||
        typeof row['price'] !== 'string' ||
        typeof row['size'] !== 'string'
      ) {
        rejected++;
        continue;
      }
      trades.push({
        venue: 'coinbase',
        symbol,
        id: row['trade_id'],
        timeMs,
        price: row['price'],
        size: row['size'],
        side,
      });
    }
    const oldest = trades[0];
    return { trades, next: oldest === undefined ? null : String(oldest.id), rejected };
  },
  done: doneDescending,
};
