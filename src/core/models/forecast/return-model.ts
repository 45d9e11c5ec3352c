import type { ForecastBar } from './forecaster';

/**
 * The point half of a forecaster: the expected cumulative log return of the close over the next
 * h bars and the shape of its uncertainty. The scale itself comes from the volatility model and
 * the interval widths from online conformal recalibration (`CalibratedForecaster`).
 */
export interface ReturnPrediction {
  /** mean[h−1]: expected log(close_{t+h} / close_t). */
  readonly mean: readonly number[];
  /**
   * unitVariance[h−1]: variance of that log return in units of one bar's innovation variance
   * (a random walk: h). Multiplied by the volatility model's per-bar variance forecasts.
   */
  readonly unitVariance: readonly number[];
}

export interface ReturnModel {
  readonly name: string;
  /** What was chosen when fitting, for the model panel (ARIMA: its order), or null. */
  readonly detail?: string | null;
  /** How the last fit got its parameters (a stored network, or trained and stored), or null. */
  readonly provenance?: string | null;
  /**
   * Open time of the last bar its parameters were fitted on, when that can lie past the history
   * of the last `fit` (a stored network reused): forecasts of bars up to it are in sample.
   */
  readonly fittedThroughMs?: number | null;
  /** Fits parameters on history; the state is reset and then fed bar by bar through `observe`. */
  fit(history: readonly ForecastBar[]): void | Promise<void>;
  observe(bar: ForecastBar): void;
  predict(horizon: number): ReturnPrediction;
  dispose(): void;
}
