import { leastSquares } from './least-squares';

/** y = alpha + beta·x fitted by least squares over a whole sample. */
export interface OlsLine {
  readonly alpha: number;
  readonly beta: number;
  readonly alphaStdErr: number;
  readonly betaStdErr: number;
  readonly ssr: number;
  readonly rsquared: number;
  readonly nobs: number;
}

/** Full-sample OLS with intercept: statsmodels `OLS(y, add_constant(x))`. Throws on constant x. */
export function ols(y: ArrayLike<number>, x: ArrayLike<number>): OlsLine {
  const n = y.length;
  if (x.length !== n) throw new RangeError(`ols: x has ${x.length} values, y has ${n}`);
  if (n < 3) throw new RangeError(`ols: need at least 3 points, got ${n}`);
  const fit = leastSquares([new Float64Array(n).fill(1), x], y);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i] as number;
  mean /= n;
  let tss = 0;
  for (let i = 0; i < n; i++) tss += ((y[i] as number) - mean) ** 2;
  return {
    alpha: fit.params[0] as number,
    beta: fit.params[1] as number,
    alphaStdErr: fit.stdErrors[0] as number,
    betaStdErr: fit.stdErrors[1] as number,
    ssr: fit.ssr,
    rsquared: 1 - fit.ssr / tss,
    nobs: n,
  };
}

/** The hedged spread y − beta·x − alpha, point by point. */
export function spreadSeries(y: ArrayLike<number>, x: ArrayLike<number>, beta: number, alpha: number): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = (y[i] as number) - beta * (x[i] as number) - alpha;
  return out;
}
