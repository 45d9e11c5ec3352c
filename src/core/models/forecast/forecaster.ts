/**
 * The forecasting contract shared by the model worker, the command line and the signal layer.
 * Bars are numeric (parsed once from the exact decimal text of `Candle`): models do floating
 * point arithmetic, and the walk-forward loop must not re-parse strings per step.
 */
export interface ForecastBar {
  readonly openTimeMs: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** One model's forecast for the bar `horizon` bars after the last one it has seen. */
export interface ForecastStep {
  /** 1 = the next bar. */
  readonly horizon: number;
  readonly close: number;
  readonly high: number;
  readonly low: number;
  /** Central 80 % and 95 % intervals of the close (after online recalibration, if any). */
  readonly lo80: number;
  readonly hi80: number;
  readonly lo95: number;
  readonly hi95: number;
  /** Probability that this bar's close is above the last seen close. */
  readonly pUp: number;
}

/**
 * A model that is fitted once on history, then learns online from each bar it is shown.
 * `forecast` must use only bars passed to `fit`/`observe` (causal); deterministic for a seed.
 */
export interface Forecaster {
  /** Stable model name used in CSV rows, stores and the model panel (`persistence`, `arima`, …). */
  readonly name: string;
  fit(history: readonly ForecastBar[]): void | Promise<void>;
  observe(bar: ForecastBar): void;
  /** Steps 1..`horizon` (horizon ≤ 10). */
  forecast(horizon: number): ForecastStep[];
  /** Releases tensors or other resources; the forecaster is unusable afterwards. */
  dispose(): void;
}
