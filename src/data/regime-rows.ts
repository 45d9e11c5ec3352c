import type { RegimeUpdate } from '../core/models/forecasting/forecast-types';
import { alignRegime } from '../core/models/regimes/regime-align';
import type { RegimeState } from '../core/models/signals/signal';
import type { StoredRegime } from './forecast-types';

/** An update's rows as stored rows of a model version, each with the names of its fit. */
export function toStoredRegimes(update: RegimeUpdate, nowMs: number, model: string): StoredRegime[] {
  if (update.names.length === 0) return [];
  return update.rows.map((r) => ({
    venue: update.venue,
    symbol: update.symbol,
    timeframe: update.timeframe,
    openTimeMs: r.openTimeMs,
    model,
    state: r.state,
    probabilities: [...r.probabilities],
    names: [...update.names],
    madeAtMs: nowMs,
  }));
}

/**
 * Stored rows (oldest first) as states under one set of names: the newest row's fit, the one the
 * panel names. Rows of fits with other states are left out.
 */
export function regimesOfStored(rows: readonly StoredRegime[]): { names: string[]; rows: RegimeState[] } {
  const newest = rows[rows.length - 1];
  if (newest === undefined) return { names: [], rows: [] };
  const names = newest.names;
  const states: RegimeState[] = [];
  for (const r of rows) {
    const state = alignRegime(
      { openTimeMs: r.openTimeMs, state: r.state, probabilities: r.probabilities },
      r.names,
      names,
    );
    if (state !== null) states.push(state);
  }
  return { names: [...names], rows: states };
}
