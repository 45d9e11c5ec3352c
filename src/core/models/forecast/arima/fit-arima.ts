import { minimizeBfgs } from '../optimize/bfgs';
import { arimaParamNames, defaultHasConstant, type ArimaOrder } from './arima-order';
import { arimaStateSpace, type ArimaCoefficients } from './arima-state-space';
import { kalmanFilter } from './kalman-filter';
import { constrainStationary } from './stationary-transform';

export interface ArimaFit {
  readonly order: ArimaOrder;
  readonly hasConstant: boolean;
  readonly coefficients: ArimaCoefficients;
  /** Parameters by statsmodels' names (const, ar.L1.., ma.L1.., sigma2), in its order. */
  readonly params: Readonly<Record<string, number>>;
  readonly loglik: number;
  /** −2 loglik + 2 k, k counting every estimated parameter including sigma2 (as statsmodels). */
  readonly aic: number;
  readonly nobs: number;
  readonly converged: boolean;
}

export interface ArimaFitOptions {
  /** Defaults to statsmodels' choice: a constant only when d = 0. */
  readonly hasConstant?: boolean;
  /**
   * BFGS stopping rule. The default (1e-9, 500 iterations) is what matching statsmodels to 1e-6
   * needs; online forecasting refits trade that precision for bounded time.
   */
  readonly gradientTolerance?: number;
  readonly maxIterations?: number;
}

/** The smallest series an order may be fitted to: enough bars beyond the burn-in per parameter. */
export function minimumBars(order: ArimaOrder): number {
  return order.d + 2 * (order.p + order.q + 2) + 1;
}

/**
 * Maximum-likelihood ARIMA(p, d, q) with the exact Gaussian likelihood of statsmodels'
 * state-space ARIMA: Kalman filter on the levels, stationarity and invertibility enforced through
 * the partial-autocorrelation transform, BFGS from a few deterministic starts, best kept.
 */
export function fitArima(series: readonly number[], order: ArimaOrder, options: ArimaFitOptions = {}): ArimaFit {
  validateOrder(order);
  if (series.length < minimumBars(order)) {
    throw new Error(
      `ARIMA(${order.p},${order.d},${order.q}) needs at least ${minimumBars(order)} bars, got ${series.length}`,
    );
  }
  const hasConstant = options.hasConstant ?? defaultHasConstant(order);
  const y = Float64Array.from(series);
  const differenced = difference(series, order.d);
  const mean = differenced.reduce((s, v) => s + v, 0) / differenced.length;
  const variance = differenced.reduce((s, v) => s + (v - mean) ** 2, 0) / differenced.length;
  if (!(variance > 0)) throw new Error('the series is constant after differencing: nothing to fit');
  const scale = Math.sqrt(variance);
  const constantOffset = mean;

  const decode = (x: readonly number[]): ArimaCoefficients => {
    let i = 0;
    const constant = hasConstant ? constantOffset + scale * (x[i++] as number) : 0;
    const ar = constrainStationary(x.slice(i, i + order.p));
    i += order.p;
    const ma = constrainStationary(x.slice(i, i + order.q)).map((v) => -v);
    i += order.q;
    const sigma2 = variance * Math.exp(x[i] as number);
    return { constant, ar, ma, sigma2 };
  };
  const objective = (x: readonly number[]): number => {
    // Far out in the unconstrained space a partial autocorrelation rounds to ±1: the AR block
    // has a unit root and no stationary covariance. That is "too far" for the line search.
    try {
      const value = -kalmanFilter(arimaStateSpace(order, decode(x)), y).loglik / y.length;
      return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
    } catch {
      return Number.POSITIVE_INFINITY;
    }
  };

  let best: { x: number[]; value: number; converged: boolean } | null = null;
  for (const start of starts(order, hasConstant)) {
    const result = minimizeBfgs(objective, start, {
      gradientTolerance: options.gradientTolerance ?? 1e-9,
      ...(options.maxIterations === undefined ? {} : { maxIterations: options.maxIterations }),
    });
    if (best === null || result.value < best.value) best = result;
  }
  if (best === null) throw new Error('no start converged');
  const coefficients = decode(best.x);
  const loglik = kalmanFilter(arimaStateSpace(order, coefficients), y).loglik;
  const names = arimaParamNames(order, hasConstant);
  const values = [
    ...(hasConstant ? [coefficients.constant] : []),
    ...coefficients.ar,
    ...coefficients.ma,
    coefficients.sigma2,
  ];
  const params: Record<string, number> = {};
  names.forEach((name, i) => (params[name] = values[i] as number));
  return {
    order,
    hasConstant,
    coefficients,
    params,
    loglik,
    aic: -2 * loglik + 2 * names.length,
    nobs: y.length,
    converged: best.converged,
  };
}

function validateOrder(order: ArimaOrder): void {
  for (const [name, value] of Object.entries(order)) {
    if (!Number.isInteger(value) || value < 0 || value > 10)
      throw new Error(`order ${name} must be an integer in 0..10`);
  }
  if (order.d > 2) throw new Error('order d must be 0, 1 or 2');
}

/** d-th differences. */
export function difference(series: readonly number[], d: number): number[] {
  let out = [...series];
  for (let k = 0; k < d; k++) out = out.slice(1).map((v, i) => v - (out[i] as number));
  return out;
}

/**
 * Deterministic starts in the unconstrained space: white noise, mild dependence (partial
 * autocorrelations ±0.45) in every sign combination of the AR and MA parts, and nearly cancelling
 * roots, so a likelihood with several local optima is searched from all sides; the best is kept.
 */
function starts(order: ArimaOrder, hasConstant: boolean): number[][] {
  const start = (ar: number, ma: number) => [
    ...(hasConstant ? [0] : []),
    ...new Array<number>(order.p).fill(ar),
    ...new Array<number>(order.q).fill(ma),
    0,
  ];
  if (order.p + order.q === 0) return [start(0, 0)];
  const signs =
    order.p > 0 && order.q > 0
      ? [
          [1, 1],
          [-1, -1],
          [1, -1],
          [-1, 1],
        ]
      : [
          [1, 1],
          [-1, -1],
        ];
  const mild = signs.map(([a, m]) => start(0.5 * (a as number), 0.5 * (m as number)));
  // Nearly cancelling AR and MA roots (first lags φ₁ ≈ −θ₁ ≈ ±0.83): an optimum next to a unit root that the
  // mild starts cannot reach through the flat ridge between them.
  const firstLags = (v: number) => {
    const x = start(0, 0);
    x[hasConstant ? 1 : 0] = v;
    x[(hasConstant ? 1 : 0) + order.p] = v;
    return x;
  };
  const cancelling = order.p > 0 && order.q > 0 ? [firstLags(1.5), firstLags(-1.5)] : [];
  return [start(0, 0), ...mild, ...cancelling];
}
