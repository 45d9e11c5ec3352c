import type { TimeframeId } from '../../candles/timeframe';
import type { VenueId } from '../../exchange/types';
import type { ForecastStep } from '../forecast/forecaster';
import type { ModelRunState } from './guarded-model';
import type { ModelScore } from './rolling-score';
import type { RegimeState } from '../signals/signal';

/** Version of the live forecasts (stored with each row; bump when a model or its settings change). */
export const FORECASTS_VERSION = 'forecast-1';

/** Version of the stored regime states (bump when the HMM, its features or its settings change). */
export const REGIMES_VERSION = 'regimes-1';

/** Most bars ahead the worker forecasts. */
export const FORECAST_HORIZON = 10;

export interface ForecastSeries {
  readonly venue: VenueId;
  readonly symbol: string;
  readonly timeframe: TimeframeId;
}

/** Every running model's steps made at the close of the bar opened at `originTimeMs`. */
export interface ForecastRun extends ForecastSeries {
  readonly originTimeMs: number;
  readonly version: string;
  readonly models: readonly { readonly name: string; readonly steps: readonly ForecastStep[] }[];
}

export interface ModelReport {
  readonly name: string;
  readonly state: ModelRunState;
  /** Why it is off (shown as is). */
  readonly reason: string | null;
  /** Model details (the ARIMA order). */
  readonly detail: string | null;
  /** How its current fit came about (a stored network or a new one) and its last refit. */
  readonly fit: string | null;
  readonly perBarMs: number | null;
  readonly score: ModelScore;
}

export type ForecastPhase = 'idle' | 'waiting' | 'fitting' | 'scoring' | 'live';

/** The forecasting side of the model worker, for the model panel. */
export interface ForecastStatus {
  readonly version: string;
  readonly series: ForecastSeries | null;
  readonly phase: ForecastPhase;
  /** Plain-text account of the phase ("Fitting ARIMA", "Needs 120 closed bars, has 40"). */
  readonly message: string;
  /** Progress 0..1 of fitting and the out-of-sample warm-up. */
  readonly progress: number | null;
  /** Bars the models were fitted on, and the out-of-sample bars scored since. */
  readonly fittedBars: number;
  readonly models: readonly ModelReport[];
}

/**
 * Filtered (causal) regime probabilities of the forecast series' closed bars: after the regime
 * fit every bar of the stored history (`reset`), then one row per closed bar.
 */
export interface RegimeUpdate extends ForecastSeries {
  /** State names by volatility (index = state). */
  readonly names: readonly string[];
  readonly rows: readonly RegimeState[];
  readonly reset: boolean;
}
