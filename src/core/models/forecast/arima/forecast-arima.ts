import type { ArimaOrder } from './arima-order';
import { arimaStateSpace, type ArimaCoefficients } from './arima-state-space';
import { kalmanFilter } from './kalman-filter';

/** Standard normal quantiles of the 90 % and 97.5 % levels: two-sided 80 % and 95 % intervals. */
const Z80 = 1.2815515655446004;
const Z95 = 1.959963984540054;

export interface ArimaForecastStep {
  /** Bars ahead of the last observation (1 = the next bar). */
  readonly horizon: number;
  readonly mean: number;
  /** Variance of the forecast error under the model (parameters taken as known, as statsmodels). */
  readonly variance: number;
  readonly lo80: number;
  readonly hi80: number;
  readonly lo95: number;
  readonly hi95: number;
}

/**
 * h-step forecasts after the last observation: filter the whole series, then run the state
 * prediction forward (a ← T a, P ← T P T' + R R' σ²) with no further updates. Mean c + Z a,
 * variance Z P Z'; Gaussian intervals, as statsmodels' `get_forecast(h).conf_int`.
 */
export function forecastArima(
  series: readonly number[],
  order: ArimaOrder,
  coefficients: ArimaCoefficients,
  steps: number,
): ArimaForecastStep[] {
  if (!Number.isInteger(steps) || steps < 1) throw new Error('steps must be a positive integer');
  const model = arimaStateSpace(order, coefficients);
  const { m, design: z, transition: t, stateCov: q } = model;
  const filtered = kalmanFilter(model, series);
  let a = filtered.nextState;
  let p = filtered.nextCov;
  const out: ArimaForecastStep[] = [];
  for (let h = 1; h <= steps; h++) {
    let mean = model.intercept;
    let variance = 0;
    for (let i = 0; i < m; i++) {
      mean += (z[i] as number) * (a[i] as number);
      for (let j = 0; j < m; j++) variance += (z[i] as number) * (p[i * m + j] as number) * (z[j] as number);
    }
    const sd = Math.sqrt(variance);
    out.push({
      horizon: h,
      mean,
      variance,
      lo80: mean - Z80 * sd,
      hi80: mean + Z80 * sd,
      lo95: mean - Z95 * sd,
      hi95: mean + Z95 * sd,
    });
    const nextA = new Float64Array(m);
    const tp = new Float64Array(m * m);
    const nextP = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      for (let k = 0; k < m; k++) {
        nextA[i] = (nextA[i] as number) + (t[i * m + k] as number) * (a[k] as number);
        for (let j = 0; j < m; j++)
          tp[i * m + j] = (tp[i * m + j] as number) + (t[i * m + k] as number) * (p[k * m + j] as number);
      }
    }
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
  return out;
}
