import { doneDescending, trimBase, type BackfillSource } from '../backfill';
import type { Trade } from '../types';
import { preview, textOf, integerValue, isObject, parseJson } from '../wire-values';
import { OkxSizer } from './contract-size';
import { OKX_REST, type OkxContractLookup } from './wire';

/**
 * `GET /api/v5/market/history-trades?instId=&type=1&after=<tradeId>&limit=100`: `type=1` pages
 * by trade id; `after` returns older trades (id < after), newest first. A gap is refilled from
 * its end backwards. SWAP/FUTURES sizes are contracts, converted like the live feed.
 */
export function createOkxHistoryTrades(contracts?: OkxContractLookup): BackfillSource {
  const sizer = new OkxSizer(contracts);
  return {
    venue: 'okx',
    name: 'history-trades',
    defaultBase: OKX_REST,
    direction: 'descending',
    maxLimit: 100,
    cursorForGap: (gap) => String(gap.toId + 1),
    url: (base, symbol, cursor, limit = 100) =>
      `${trimBase(base)}/api/v5/market/history-trades?instId=${encodeURIComponent(symbol)}&type=1&after=${encodeURIComponent(cursor)}&limit=${limit}`,
    parse(body, symbol) {
      const msg = parseJson(body);
      if (!isObject(msg)) return { trades: [], next: null, rejected: 0, error: `not JSON: ${preview(body)}` };
      if (msg['code'] !== '0' && msg['code'] !== 0) {
        return { trades: [], next: null, rejected: 0, error: `${textOf(msg['code'])} ${textOf(msg['msg'])}` };
      }
      const rows = msg['data'];
      if (!Array.isArray(rows)) return { trades: [], next: null, rejected: 0, error: 'no data array' };
      const trades: Trade[] = [];
      let rejected = 0;
      for (let i = rows.length - 1; i >= 0; i--) {
        const row: unknown = rows[i];
        if (!isObject(row)) {
          rejected++;
          continue;
        }
        const id = integerValue(row['tradeId']);
        const timeMs = integerValue(row['ts']);
        const side = row['side'];
        const price = row['px'];
        const sz = row['sz'];
        const sized = typeof sz === 'string' ? sizer.size(symbol, sz) : null;
        const count = row['count'] === undefined ? 1 : integerValue(row['count']);
        if (
          Number.isNaN(id) ||
          Number.isNaN(timeMs) ||
          (side !== 'buy' && side !== 'sell') ||
          typeof price !== 'string' ||
          sized === null ||
          !sized.ok ||
          !(count >= 1 && count <= id + 1)
        ) {
          rejected++;
          continue;
        }
        trades.push({
          venue: 'okx',
          symbol,
          id,
          ...(count > 1 ? { firstId: id - count + 1 } : {}),
          timeMs,
          price,
          size: sized.size,
          side,
        });
      }
      const oldest = trades[0];
      return { trades, next: oldest === undefined ? null : String(oldest.firstId ?? oldest.id), rejected };
    },
    done: doneDescending,
  };
}

export const okxHistoryTrades: BackfillSource = createOkxHistoryTrades();
