import type { Table } from 'dexie';
import type { StoredTrade } from './db';
import { tradeUid } from './trade-key';

/**
 * Gives every stored raw trade its `uid` and deletes the rows that repeat a trade (schema v3).
 * Rows are visited in index order, then by seq (the order they were stored), so copies are
 * neighbours and the first stored copy stays; only one key's rows are held at a time, however
 * large the table.
 *
 * - With an id: a copy has the same id and time. The same id at another time is not a copy (an
 *   aggTrades import and live trades of one symbol number differently) and keeps its row under
 *   `#id@time`, so the upgrade can never hit its own unique key.
 * - Without an id: a row's rank among identical rows of that millisecond, as the writer assigns
 *   it. Two equal id-less rows cannot be told from two equal trades, so both are kept.
 */
export async function dedupStoredTrades(table: Table<StoredTrade, number>): Promise<void> {
  let idKey = '';
  let times = new Set<number>();
  await table.orderBy('[venue+symbol+id]').modify((row: StoredTrade, ctx: { value?: StoredTrade }) => {
    const here = `${row.venue}|${row.symbol}|${String(row.id)}`;
    if (here !== idKey) {
      idKey = here;
      times = new Set();
    }
    if (times.has(row.timeMs)) {
      delete ctx.value;
      return;
    }
    row.uid = times.size === 0 ? tradeUid(row, 0) : `${tradeUid(row, 0)}@${row.timeMs}`;
    times.add(row.timeMs);
  });

  let group = '';
  let ranks = new Map<string, number>();
  await table
    .orderBy('[venue+symbol+timeMs]')
    .filter((row) => row.id === undefined)
    .modify((row: StoredTrade) => {
      const here = `${row.venue}|${row.symbol}|${row.timeMs}`;
      if (here !== group) {
        group = here;
        ranks = new Map();
      }
      const base = tradeUid(row, 0);
      const rank = ranks.get(base) ?? 0;
      ranks.set(base, rank + 1);
      row.uid = tradeUid(row, rank);
    });
}
