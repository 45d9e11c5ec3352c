import { timeframeMs } from '../core/candles/timeframe';
import type { ForecastRun } from '../core/models/forecasting/forecast-types';
import type { StoredForecast } from './forecast-types';

/** A run's steps as stored rows, each keyed to the bar it targets. */
export function toStoredForecasts(run: ForecastRun, nowMs: number): StoredForecast[] {
  const barMs = timeframeMs(run.timeframe);
  return run.models.flatMap((m) =>
    m.steps.map((s) => ({
      venue: run.venue,
      symbol: run.symbol,
      timeframe: run.timeframe,
      targetTimeMs: run.originTimeMs + s.horizon * barMs,
      model: m.name,
      horizon: s.horizon,
      version: run.version,
      originTimeMs: run.originTimeMs,
      close: s.close,
      high: s.high,
      low: s.low,
      lo80: s.lo80,
      hi80: s.hi80,
      lo95: s.lo95,
      hi95: s.hi95,
      pUp: s.pUp,
      madeAtMs: nowMs,
    })),
  );
}

/** Stored rows of one origin back as a run (models in row order). */
export function runOfStored(rows: readonly StoredForecast[]): ForecastRun | null {
  const first = rows[0];
  if (first === undefined) return null;
  const byModel = new Map<string, StoredForecast[]>();
  for (const r of rows) byModel.set(r.model, [...(byModel.get(r.model) ?? []), r]);
  return {
    venue: first.venue as ForecastRun['venue'],
    symbol: first.symbol,
    timeframe: first.timeframe as ForecastRun['timeframe'],
    originTimeMs: first.originTimeMs,
    version: first.version,
    models: [...byModel].map(([name, steps]) => ({
      name,
      steps: steps
        .sort((a, b) => a.horizon - b.horizon)
        .map((s) => ({
          horizon: s.horizon,
          close: s.close,
          high: s.high,
          low: s.low,
          lo80: s.lo80,
          hi80: s.hi80,
          lo95: s.lo95,
          hi95: s.hi95,
          pUp: s.pUp,
        })),
    })),
  };
}
