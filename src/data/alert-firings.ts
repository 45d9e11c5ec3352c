import type { AlertFiring } from '../core/alerts';
import type { StoredAlertFiring, TapewatchDb } from './db';

/**
 * Stores firings once each: in one read-write transaction (IndexedDB runs those one at a time
 * per store, across tabs) the keys already stored are skipped; the unique `dedupKey` index is the
 * backstop. Returns the firings that were new, the ones to deliver.
 */
export async function storeAlertFirings(db: TapewatchDb, firings: readonly AlertFiring[]): Promise<AlertFiring[]> {
  if (firings.length === 0) return [];
  return db.transaction('rw', db.alertFirings, async () => {
    const keys = firings.map((f) => f.dedupKey);
    const stored = new Set((await db.alertFirings.where('dedupKey').anyOf(keys).toArray()).map((row) => row.dedupKey));
    const fresh: AlertFiring[] = [];
    for (const f of firings) {
      if (stored.has(f.dedupKey)) continue;
      stored.add(f.dedupKey);
      fresh.push(f);
    }
    await db.alertFirings.bulkAdd(fresh.map((f) => ({ ...f })));
    return fresh;
  });
}

export interface FiringQuery {
  readonly ruleId?: string;
  readonly instrument?: string;
  readonly priority?: AlertFiring['priority'];
  /** Newest first, at most this many (default 500). */
  readonly limit?: number;
}

/** The alert history, newest first, filtered by rule, instrument and priority. */
export async function recentAlertFirings(db: TapewatchDb, query: FiringQuery = {}): Promise<StoredAlertFiring[]> {
  const limit = query.limit ?? 500;
  const base =
    query.ruleId !== undefined
      ? db.alertFirings.where('ruleId').equals(query.ruleId)
      : db.alertFirings.orderBy('firedAtMs');
  const rows = await base
    .reverse()
    .filter(
      (f) =>
        (query.instrument === undefined || f.instrument === query.instrument) &&
        (query.priority === undefined || f.priority === query.priority),
    )
    .limit(limit)
    .toArray();
  // The ruleId index orders by primary key within a rule, which is insertion order.
  return query.ruleId !== undefined ? rows.sort((a, b) => b.firedAtMs - a.firedAtMs) : rows;
}

export async function acknowledgeAlertFirings(db: TapewatchDb, seqs: readonly number[], atMs: number): Promise<void> {
  await db.alertFirings.where('seq').anyOf(seqs).modify({ acknowledgedAtMs: atMs });
}
