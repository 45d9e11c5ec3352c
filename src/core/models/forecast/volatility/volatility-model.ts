/** A forecaster of the per-bar variance of log returns. */
export interface VolatilityModel {
  readonly name: string;
  /** Fits on the log returns of the training part and resets the state (replay them through observe). */
  fit(returns: readonly number[]): void;
  observe(logReturn: number): void;
  /** variances[k−1]: forecast variance of the log return k bars ahead (k = 1..horizon). */
  variances(horizon: number): number[];
}

/** Mean square, with a floor so a flat series cannot give a zero scale. */
export function meanSquare(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v * v;
  return Math.max(values.length > 0 ? s / values.length : 0, 1e-16);
}
