import type { SeriesKey } from './candle-store';
import type { StoredAnomalyScore, TapewatchDb } from './db';

/** Writes scores (a rescored bar replaces its row of the same model version). */
export async function putAnomalyScores(db: TapewatchDb, rows: readonly StoredAnomalyScore[]): Promise<void> {
  if (rows.length === 0) return;
  await db.anomalyScores.bulkPut(rows as StoredAnomalyScore[]);
}

/** One series' scores of one model version with fromMs ≤ openTime ≤ toMs, oldest first. */
export function readAnomalyScores(
  db: TapewatchDb,
  key: SeriesKey,
  model: string,
  fromMs = -Infinity,
  toMs = Infinity,
): Promise<StoredAnomalyScore[]> {
  const { venue, symbol, timeframe } = key;
  return db.anomalyScores
    .where('[venue+symbol+timeframe+openTimeMs+model]')
    .between([venue, symbol, timeframe, fromMs, ''], [venue, symbol, timeframe, toMs, '\uffff'], true, true)
    .filter((row) => row.model === model)
    .toArray();
}

/** The newest scored bar of a series (any version), or null: where scoring resumes. */
export async function lastScoredBar(db: TapewatchDb, key: SeriesKey, model: string): Promise<number | null> {
  const { venue, symbol, timeframe } = key;
  const row = await db.anomalyScores
    .where('[venue+symbol+timeframe+openTimeMs+model]')
    .between([venue, symbol, timeframe, -Infinity, ''], [venue, symbol, timeframe, Infinity, '\uffff'])
    .reverse()
    .filter((r) => r.model === model)
    .first();
  return row?.openTimeMs ?? null;
}

/**
 * The newest anomalies of one model version across instruments (`instruments`: "venue:SYMBOL"
 * keys; empty for all) on one timeframe, newest first. Walks the anomaly index only, which holds
 * the flagged bars alone.
 */
export function recentAnomalies(
  db: TapewatchDb,
  model: string,
  timeframe: string,
  instruments: readonly string[],
  limit: number,
): Promise<StoredAnomalyScore[]> {
  const wanted = new Set(instruments);
  return db.anomalyScores
    .orderBy('anomalyAtMs')
    .reverse()
    .filter(
      (r) =>
        r.model === model && r.timeframe === timeframe && (wanted.size === 0 || wanted.has(`${r.venue}:${r.symbol}`)),
    )
    .limit(limit)
    .toArray();
}
