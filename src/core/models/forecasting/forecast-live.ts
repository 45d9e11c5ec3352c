import type { Candle } from '../../candles/candle';
import type { ForecastBar, ForecastStep, Forecaster } from '../forecast/forecaster';
import { trainOnly, type NetworkWeights } from '../forecast/tapewatch/network-weights';
import type { ForecastSeries } from './forecast-types';
import type { GuardedModel } from './guarded-model';
import type { SinceFit } from './refit-policy';
import type { RollingScore } from './rolling-score';
import type { SignalDesk } from './signal-desk';

/** A fresh model for a series; `refit`: it must train, not reuse stored parameters. */
export type ModelFactory = (series: ForecastSeries, refit?: boolean) => GuardedModel;

/** The series in scope: its models, their scores and the bars they were shown. */
export interface Live {
  readonly series: ForecastSeries;
  readonly models: GuardedModel[];
  readonly scores: Map<string, RollingScore>;
  /** Each model's record since its last fit, which says when it is due to be fitted again. */
  readonly sinceFit: Map<string, SinceFit>;
  /** Models being fitted again in the background (the fitted one keeps forecasting meanwhile). */
  readonly refitting: Set<string>;
  /** The last refit of each model: when, why, or why it failed. */
  readonly refitNotes: Map<string, string>;
  /** Closed bars seen (before fitting: the history being gathered). */
  readonly bars: ForecastBar[];
  lastTimeMs: number;
  /** Each model's one-bar-ahead forecast of the next bar. */
  pending: Map<string, ForecastStep>;
  fitted: boolean;
  fittedBars: number;
  queued: Candle[];
  busy: boolean;
  readonly desk: SignalDesk;
  /**
   * The desk has fitted its regimes and replayed the history. Until then closed bars are
   * forecast and scored as usual and wait here, with the forecast they had, for their decision.
   */
  deskReady: boolean;
  readonly deskPending: { bar: ForecastBar; forecast: { model: string; step: ForecastStep } | null }[];
}

/** A series entering the scope: nothing fitted, no bars yet. */
export function newLive(series: ForecastSeries, models: GuardedModel[], desk: SignalDesk): Live {
  return {
    series,
    models,
    scores: new Map(),
    sinceFit: new Map(),
    refitting: new Set(),
    refitNotes: new Map(),
    bars: [],
    lastTimeMs: -Infinity,
    pending: new Map(),
    fitted: false,
    fittedBars: 0,
    queued: [],
    busy: true,
    desk,
    deskReady: false,
    deskPending: [],
  };
}

export function liveMessage(live: Live): string {
  return live.deskReady
    ? 'Forecasting each closed bar'
    : 'Forecasting each closed bar; fitting regimes and replaying signals on the stored bars';
}

export function push(live: Live, c: Candle): void {
  if (c.openTimeMs <= live.lastTimeMs) return;
  live.lastTimeMs = c.openTimeMs;
  live.bars.push(toForecastBar(c));
  // Before fitting the list is the history gathered; afterwards the models keep their own windows.
  if (live.fitted && live.bars.length > 2 * live.fittedBars + 1_000)
    live.bars.splice(0, live.bars.length - live.fittedBars);
}

export function toForecastBar(c: Candle): ForecastBar {
  return {
    openTimeMs: c.openTimeMs,
    open: Number(c.open),
    high: Number(c.high),
    low: Number(c.low),
    close: Number(c.close),
    volume: Number(c.volume),
  };
}

export function meanAbsChange(bars: readonly ForecastBar[]): number {
  let sum = 0;
  for (let i = 1; i < bars.length; i++)
    sum += Math.abs((bars[i] as ForecastBar).close - (bars[i - 1] as ForecastBar).close);
  return bars.length > 1 ? sum / (bars.length - 1) : 0;
}

export function sameSeries(a: ForecastSeries, b: ForecastSeries): boolean {
  return a.venue === b.venue && a.symbol === b.symbol && a.timeframe === b.timeframe;
}

/** How a model's current fit came about: a stored network or a new one, and the last refit. */
export function fitNote(f: Forecaster, refit: string | undefined): string | null {
  const provenance = (f as { provenance?: unknown }).provenance;
  const parts = [typeof provenance === 'string' ? provenance : null, refit ?? null].filter((x) => x !== null);
  return parts.length === 0 ? null : parts.join('; ');
}

export function withNetwork(network: NetworkWeights | undefined, refit: boolean): { network?: NetworkWeights } {
  if (network === undefined) return {};
  return { network: refit ? trainOnly(network) : network };
}

/** Open time of the last bar a model's parameters were fitted on, when past its fit (else −∞). */
export function fittedThrough(f: Forecaster | undefined): number {
  const through = (f as { fittedThroughMs?: unknown } | undefined)?.fittedThroughMs;
  return typeof through === 'number' ? through : -Infinity;
}

export function detailOf(f: Forecaster): string | null {
  const detail = (f as { detail?: unknown }).detail;
  return typeof detail === 'string' ? detail : null;
}
