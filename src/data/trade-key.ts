import Dexie, { type EntityTable } from 'dexie';
import type { StoredTrade } from './db';

/** Identical id-less trades remembered per sequencer: enough for any burst within a few seconds. */
const MAX_REMEMBERED = 20_000;

/**
 * The raw-trade key within an instrument. A venue trade id is unique per venue and symbol. Where a
 * venue sends no id (Bybit, Finnhub), a trade is its time, price, size and side plus its rank among
 * identical trades seen before it (two fills of the same size at the same price in the same
 * millisecond are two trades): re-writing the same batch yields the same keys, so it is refused as
 * a duplicate, while genuinely repeated prints are all kept.
 */
export function tradeUid(t: Pick<StoredTrade, 'id' | 'timeMs' | 'price' | 'size' | 'side'>, rank: number): string {
  return t.id !== undefined ? `#${t.id}` : `${t.timeMs}|${t.price}|${t.size}|${t.side}|${rank}`;
}

/** Assigns `uid` to trades in arrival order; one per writer so ranks continue across batches. */
export class TradeSequencer {
  private readonly seen = new Map<string, number>();

  assign(row: StoredTrade): StoredTrade {
    if (row.uid !== undefined) return row;
    if (row.id !== undefined) {
      row.uid = tradeUid(row, 0);
      return row;
    }
    const base = `${row.venue}|${row.symbol}|${tradeUid(row, 0)}`;
    const rank = this.seen.get(base) ?? 0;
    this.seen.delete(base);
    this.seen.set(base, rank + 1);
    if (this.seen.size > MAX_REMEMBERED) this.seen.delete(this.seen.keys().next().value as string);
    row.uid = tradeUid(row, rank);
    return row;
  }
}

function isConstraintError(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'ConstraintError';
}

/**
 * Adds raw trades inside the caller's transaction, skipping any whose [venue+symbol+uid] is
 * already stored (a batch retried after a partial commit, a backfill of trades already kept, an
 * import run twice). Any other failure still aborts the transaction. Returns the rows added.
 */
export async function addTradesOnce(table: EntityTable<StoredTrade, 'seq'>, rows: StoredTrade[]): Promise<number> {
  if (rows.length === 0) return 0;
  try {
    await table.bulkAdd(rows);
    return rows.length;
  } catch (error) {
    if (!(error instanceof Dexie.BulkError)) throw error;
    const failures = Object.values(error.failuresByPos);
    if (!failures.every(isConstraintError)) throw error;
    return rows.length - failures.length;
  }
}
