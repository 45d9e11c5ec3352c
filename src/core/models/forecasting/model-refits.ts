import type { ForecastBar, ForecastStep } from '../forecast/forecaster';
import { meanAbsChange, type Live, type ModelFactory } from './forecast-live';
import { FORECAST_HORIZON } from './forecast-types';
import type { GuardedModel } from './guarded-model';
import { SinceFit, type RefitPolicy } from './refit-policy';

/** What a refit needs from the service. */
export interface RefitContext {
  /** Makes the fresh copy (trained, never reusing stored parameters). */
  readonly factory: ModelFactory;
  /** Newest bars it is fitted on. */
  readonly historyBars: number;
  readonly policy: RefitPolicy | undefined;
  /** Readies what the model needs before its fit (a TF.js backend). */
  prepare(name: string): Promise<void>;
  /** Whether `live` is still the series in scope. */
  current(): boolean;
  /** The models' status changed. */
  changed(): void;
}

/** Models due to be fitted again, and why (those already being refitted are left alone). */
export function refitsDue(live: Live): { index: number; reason: string }[] {
  return live.models.flatMap((m, index) => {
    if (live.refitting.has(m.name)) return [];
    const reason = live.sinceFit.get(m.name)?.due() ?? null;
    return reason === null ? [] : [{ index, reason }];
  });
}

/**
 * Fits a fresh copy of model `index` on the newest bars while the fitted one keeps forecasting,
 * shows it the bars that closed meanwhile, then puts it in the fitted one's place. A refit
 * that fails keeps the fitted model (and says why); either way its record starts afresh, so it is
 * tried again when next due, not at every bar.
 */
export async function refitModel(live: Live, index: number, reason: string, ctx: RefitContext): Promise<void> {
  const old = live.models[index] as GuardedModel;
  const name = old.name;
  live.refitting.add(name);
  try {
    const history = live.bars.slice(-ctx.historyBars);
    const lastMs = (history[history.length - 1] as ForecastBar).openTimeMs;
    const fresh = ctx.factory(live.series, true);
    await ctx.prepare(name).catch(() => undefined);
    await fresh.fit(history);
    const at = new Date(lastMs).toISOString().slice(11, 16);
    live.sinceFit.set(name, new SinceFit(name === 'persistence', meanAbsChange(history), ctx.policy));
    if (!ctx.current() || fresh.state !== 'ready') {
      if (ctx.current()) live.refitNotes.set(name, `refit at ${at} failed (${fresh.reason}); kept the last fit`);
      fresh.dispose();
      return;
    }
    let steps: ForecastStep[] | null = null;
    for (const bar of live.bars) if (bar.openTimeMs > lastMs) steps = fresh.step(bar, FORECAST_HORIZON);
    steps ??= fresh.step(null, FORECAST_HORIZON);
    if (steps?.[0] !== undefined) live.pending.set(name, steps[0]);
    live.models[index] = fresh;
    old.dispose();
    live.refitNotes.set(name, `refitted on ${history.length} bars at ${at} (${reason})`);
  } finally {
    live.refitting.delete(name);
  }
  if (ctx.current()) ctx.changed();
}
