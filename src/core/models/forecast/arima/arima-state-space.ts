import type { ArimaOrder } from './arima-order';
import { solveLinear } from './linear-solve';

/** statsmodels' default variance for approximately diffuse states (`initial_variance`). */
export const APPROXIMATE_DIFFUSE_VARIANCE = 1e6;

/** ARIMA coefficients in the model's own terms (constrained, as statsmodels reports them). */
export interface ArimaCoefficients {
  readonly constant: number;
  readonly ar: readonly number[];
  readonly ma: readonly number[];
  readonly sigma2: number;
}

/**
 * A time-invariant univariate state-space model y_t = c + Z α_t, α_{t+1} = T α_t + R η_t,
 * η_t ~ N(0, σ²), with α_1 ~ N(0, P_1). Matrices are row-major Float64Arrays of size m.
 */
export interface StateSpace {
  readonly m: number;
  readonly intercept: number;
  readonly design: Float64Array;
  readonly transition: Float64Array;
  /** R R' σ². */
  readonly stateCov: Float64Array;
  readonly initialCov: Float64Array;
  /** Observations whose likelihood is left out (the diffuse differencing states' burn-in). */
  readonly burn: number;
}

/**
 * The state space statsmodels' SARIMAX builds for ARIMA(p, d, q) without simple differencing:
 * d differencing states first (upper-triangular ones, fed by the first ARMA state, approximately
 * diffuse), then the ARMA block in Harvey's form of size r = max(p, q + 1), started from its
 * stationary covariance. Copying the layout exactly is what makes the likelihood match to 1e-6.
 */
export function arimaStateSpace(order: ArimaOrder, c: ArimaCoefficients): StateSpace {
  const d = order.d;
  const r = Math.max(order.p, order.q + 1);
  const m = d + r;
  const design = new Float64Array(m);
  const transition = new Float64Array(m * m);
  for (let i = 0; i < d; i++) {
    design[i] = 1;
    for (let j = i; j < d; j++) transition[i * m + j] = 1;
    transition[i * m + d] = 1;
  }
  design[d] = 1;
  for (let i = 0; i < r; i++) {
    if (i < order.p) transition[(d + i) * m + d] = c.ar[i] as number;
    if (i + 1 < r) transition[(d + i) * m + d + i + 1] = 1;
  }
  const selection = new Float64Array(m);
  selection[d] = 1;
  for (let i = 1; i < r; i++) selection[d + i] = i <= order.q ? (c.ma[i - 1] as number) : 0;
  const stateCov = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) stateCov[i * m + j] = (selection[i] as number) * (selection[j] as number) * c.sigma2;
  }
  const initialCov = new Float64Array(m * m);
  for (let i = 0; i < d; i++) initialCov[i * m + i] = APPROXIMATE_DIFFUSE_VARIANCE;
  const stationary = stationaryCovariance(transition, stateCov, m, d, r);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < r; j++) initialCov[(d + i) * m + d + j] = stationary[i * r + j] as number;
  }
  return { m, intercept: c.constant, design, transition, stateCov, initialCov, burn: d };
}

/** Solves P = T P T' + Q for the ARMA block (rows/columns offset..offset+r) via vec(P). */
function stationaryCovariance(
  transition: Float64Array,
  stateCov: Float64Array,
  m: number,
  offset: number,
  r: number,
): Float64Array {
  const n = r * r;
  const a = new Float64Array(n * n);
  const b = new Float64Array(n);
  const t = (i: number, j: number) => transition[(offset + i) * m + offset + j] as number;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < r; j++) {
      const row = i * r + j;
      b[row] = stateCov[(offset + i) * m + offset + j] as number;
      for (let k = 0; k < r; k++) {
        for (let l = 0; l < r; l++) a[row * n + k * r + l] = (row === k * r + l ? 1 : 0) - t(i, k) * t(j, l);
      }
    }
  }
  return solveLinear(a, b, n);
}
