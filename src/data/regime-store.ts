import type { SeriesKey } from './candle-store';
import type { TapewatchDb } from './db';
import type { StoredRegime } from './forecast-types';

const INDEX = '[venue+symbol+timeframe+openTimeMs+model]';

/** Writes regime rows (a bar's row of the same version is replaced: a refit restates it). */
export async function putRegimes(db: TapewatchDb, rows: readonly StoredRegime[]): Promise<void> {
  if (rows.length === 0) return;
  await db.regimes.bulkPut(rows as StoredRegime[]);
}

/** One series' regimes of one version with fromMs ≤ openTime ≤ toMs, oldest first. */
export function readRegimes(
  db: TapewatchDb,
  key: SeriesKey,
  model: string,
  fromMs = -Infinity,
  toMs = Infinity,
): Promise<StoredRegime[]> {
  const { venue, symbol, timeframe } = key;
  return db.regimes
    .where(INDEX)
    .between([venue, symbol, timeframe, fromMs, ''], [venue, symbol, timeframe, toMs, '\uffff'], true, true)
    .filter((row) => row.model === model)
    .toArray();
}

/**
 * The newest `limit` regimes of a series at one version, oldest first: what a series shows
 * before the worker's fit, whenever its bars were stored (a review of old data too).
 */
export async function recentRegimes(
  db: TapewatchDb,
  key: SeriesKey,
  model: string,
  limit: number,
): Promise<StoredRegime[]> {
  const { venue, symbol, timeframe } = key;
  const rows = await db.regimes
    .where(INDEX)
    .between([venue, symbol, timeframe, -Infinity, ''], [venue, symbol, timeframe, Infinity, '\uffff'])
    .reverse()
    .filter((row) => row.model === model)
    .limit(limit)
    .toArray();
  return rows.reverse();
}
