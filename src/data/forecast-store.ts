import type { SeriesKey } from './candle-store';
import type { TapewatchDb } from './db';
import type { StoredForecast } from './forecast-types';

/** Writes forecasts (a forecast made again for the same target, model and horizon replaces its row). */
export async function putForecasts(db: TapewatchDb, rows: readonly StoredForecast[]): Promise<void> {
  if (rows.length === 0) return;
  await db.forecasts.bulkPut(rows as StoredForecast[]);
}

/**
 * The newest forecast run of a series at one version: every model's steps made at the newest
 * origin bar, by model then horizon. Walks the origin index backwards; stops at the first origin
 * with rows of that version.
 */
export async function latestForecastRun(db: TapewatchDb, key: SeriesKey, version: string): Promise<StoredForecast[]> {
  const { venue, symbol, timeframe } = key;
  const newest = await db.forecasts
    .where('[venue+symbol+timeframe+originTimeMs]')
    .between([venue, symbol, timeframe, -Infinity], [venue, symbol, timeframe, Infinity])
    .reverse()
    .filter((r) => r.version === version)
    .first();
  if (newest === undefined) return [];
  const rows = await db.forecasts
    .where('[venue+symbol+timeframe+originTimeMs]')
    .equals([venue, symbol, timeframe, newest.originTimeMs])
    .filter((r) => r.version === version)
    .toArray();
  return rows.sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : a.horizon - b.horizon));
}

/**
 * Forecasts of one horizon targeting bars in [fromMs, toMs] at one version, oldest target first.
 * A held range of 5,000 bars has ten horizons of each model stored per bar: the primary keys are
 * read first (no rows built) and only the rows of that horizon are fetched.
 */
export async function forecastsOfTargets(
  db: TapewatchDb,
  key: SeriesKey,
  version: string,
  horizon: number,
  fromMs: number,
  toMs: number,
): Promise<StoredForecast[]> {
  const { venue, symbol, timeframe } = key;
  const keys = await db.forecasts
    .where(':id')
    .between([venue, symbol, timeframe, fromMs, '', -Infinity], [venue, symbol, timeframe, toMs, '\uffff', Infinity])
    .primaryKeys();
  const rows = await db.forecasts.bulkGet(keys.filter((k) => k[5] === horizon));
  return rows.filter((r): r is StoredForecast => r !== undefined && r.version === version);
}
