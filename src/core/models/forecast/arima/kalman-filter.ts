import type { StateSpace } from './arima-state-space';

const LOG_2PI = Math.log(2 * Math.PI);

export interface KalmanResult {
  /** Exact Gaussian log-likelihood of the observations after the burn-in. */
  readonly loglik: number;
  /** Predicted state mean and covariance for the bar after the last one (for forecasts). */
  readonly nextState: Float64Array;
  readonly nextCov: Float64Array;
}

/**
 * The conventional Kalman filter (predict, update) on a univariate series, the same recursion
 * statsmodels runs: v = y − c − Z a, F = Z P Z', a ← T (a + P Z' v / F),
 * P ← T (P − P Z' Z P / F) T' + R R' σ². The log-likelihood sums −½(log 2π + log F + v²/F)
 * over the observations after the burn-in.
 */
export function kalmanFilter(model: StateSpace, y: ArrayLike<number>): KalmanResult {
  const { m, design: z, transition: t, stateCov: q } = model;
  let a = new Float64Array(m);
  let p = Float64Array.from(model.initialCov);
  const pz = new Float64Array(m);
  const updatedA = new Float64Array(m);
  const updatedP = new Float64Array(m * m);
  const tp = new Float64Array(m * m);
  let loglik = 0;
  for (let step = 0; step < y.length; step++) {
    let f = 0;
    let predicted = model.intercept;
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += (p[i * m + j] as number) * (z[j] as number);
      pz[i] = s;
      predicted += (z[i] as number) * (a[i] as number);
    }
    for (let i = 0; i < m; i++) f += (z[i] as number) * (pz[i] as number);
    const v = (y[step] as number) - predicted;
    if (step >= model.burn) loglik -= 0.5 * (LOG_2PI + Math.log(f) + (v * v) / f);
    for (let i = 0; i < m; i++) {
      updatedA[i] = (a[i] as number) + ((pz[i] as number) * v) / f;
      for (let j = 0; j < m; j++)
        updatedP[i * m + j] = (p[i * m + j] as number) - ((pz[i] as number) * (pz[j] as number)) / f;
    }
    const nextA = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += (t[i * m + j] as number) * (updatedA[j] as number);
      nextA[i] = s;
    }
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let k = 0; k < m; k++) s += (t[i * m + k] as number) * (updatedP[k * m + j] as number);
        tp[i * m + j] = s;
      }
    }
    const nextP = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        let s = q[i * m + j] as number;
        for (let k = 0; k < m; k++) s += (tp[i * m + k] as number) * (t[j * m + k] as number);
        nextP[i * m + j] = s;
      }
    }
    a = nextA;
    p = nextP;
  }
  return { loglik, nextState: a, nextCov: p };
}
