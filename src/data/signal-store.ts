import type { SeriesKey } from './candle-store';
import { SIGNALS_VERSION } from '../core/models/forecasting/signal-desk';
import type { Signal } from '../core/models/signals/signal';
import type { TapewatchDb } from './db';
import type { StoredSignal, StoredSignalFeedback } from './forecast-types';

/** The stable id of a stored signal: feedback refers to it. */
export function signalId(s: Pick<StoredSignal, 'venue' | 'symbol' | 'timeframe' | 'openTimeMs' | 'model'>): string {
  return `${s.venue}|${s.symbol}|${s.timeframe}|${s.openTimeMs}|${s.model}`;
}

/** A decision of the series' decision layer as it is stored (the layer's current version). */
export function toStoredSignal(series: SeriesKey, signal: Signal, madeAtMs: number): StoredSignal {
  const { venue, symbol, timeframe } = series;
  return { venue, symbol, timeframe, ...signal, evidence: [...signal.evidence], model: SIGNALS_VERSION, madeAtMs };
}

/** Writes signals (a bar's signal of the same version is replaced). */
export async function putSignals(db: TapewatchDb, rows: readonly StoredSignal[]): Promise<void> {
  if (rows.length === 0) return;
  await db.signals.bulkPut(rows as StoredSignal[]);
}

/**
 * Writes replayed signals where their bar has none of the same version: a live decision (made
 * with the forecast at the bar's close) and an earlier replay are kept as they were.
 */
export async function addReplayedSignals(db: TapewatchDb, rows: readonly StoredSignal[]): Promise<number> {
  if (rows.length === 0) return 0;
  return db.transaction('rw', db.signals, async () => {
    const keys = rows.map((r) => [r.venue, r.symbol, r.timeframe, r.openTimeMs, r.model] as const);
    const have = await db.signals.bulkGet(keys.map((k) => [...k]));
    const fresh = rows.filter((_, i) => have[i] === undefined).map((r) => ({ ...r, replayed: true as const }));
    await db.signals.bulkAdd(fresh);
    return fresh.length;
  });
}

/** One series' signals of one version with fromMs ≤ openTime ≤ toMs, oldest first. */
export function readSignals(
  db: TapewatchDb,
  key: SeriesKey,
  model: string,
  fromMs = -Infinity,
  toMs = Infinity,
): Promise<StoredSignal[]> {
  const { venue, symbol, timeframe } = key;
  return db.signals
    .where('[venue+symbol+timeframe+openTimeMs+model]')
    .between([venue, symbol, timeframe, fromMs, ''], [venue, symbol, timeframe, toMs, '\uffff'], true, true)
    .filter((row) => row.model === model)
    .toArray();
}

/** Stores the user's verdict on a signal (replacing an earlier one). */
export async function putSignalFeedback(db: TapewatchDb, feedback: StoredSignalFeedback): Promise<void> {
  await db.signalFeedback.put(feedback);
}

/** The verdicts on the given signals, by signal id (signals without one are absent). */
export async function readSignalFeedback(
  db: TapewatchDb,
  ids: readonly string[],
): Promise<Map<string, StoredSignalFeedback>> {
  const rows = await db.signalFeedback.bulkGet([...ids]);
  const out = new Map<string, StoredSignalFeedback>();
  for (const r of rows) if (r !== undefined) out.set(r.signalId, r);
  return out;
}
