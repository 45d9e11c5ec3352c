import { adfuller, type AutoLag } from './adf';
import { leastSquares } from './least-squares';
import type { TrendTerms } from './mackinnon-tables';
import { mackinnonCrit, mackinnonP, type CriticalValues } from './mackinnon';

export interface CointOptions {
  /** Deterministic terms of the cointegrating regression; default 'c'. */
  readonly trend?: TrendTerms;
  readonly maxlag?: number;
  /** Default 'aic'. */
  readonly autolag?: AutoLag;
}

export interface CointResult {
  /** ADF τ of the cointegrating-regression residuals; −Infinity when y0 and y1 are collinear. */
  readonly statistic: number;
  /** MacKinnon p-value for N = 2 series. H0: no cointegration. */
  readonly pvalue: number;
  /** 1%, 5%, 10% (NaN for trend 'n', which has no 2010 table). */
  readonly critical: CriticalValues;
}

/** statsmodels' SQRTEPS: sqrt of double machine epsilon. */
const SQRT_EPS = Math.sqrt(Number.EPSILON);

/**
 * Engle-Granger two-step cointegration test of y0 on y1, as statsmodels `coint(y0, y1)`: OLS of y0
 * on y1 and the trend terms, then ADF without deterministic terms on the residuals, with the
 * p-value and critical values of the N = 2 tables (critical values at nobs − 1, as Stata).
 */
export function coint(y0: ArrayLike<number>, y1: ArrayLike<number>, options: CointOptions = {}): CointResult {
  const trend = options.trend ?? 'c';
  const n = y0.length;
  if (y1.length !== n) throw new RangeError(`coint: y1 has ${y1.length} values, y0 has ${n}`);
  const columns: ArrayLike<number>[] = [y1];
  if (trend !== 'n') columns.push(new Float64Array(n).fill(1));
  if (trend === 'ct' || trend === 'ctt') columns.push(Float64Array.from({ length: n }, (_, i) => i + 1));
  if (trend === 'ctt') columns.push(Float64Array.from({ length: n }, (_, i) => (i + 1) ** 2));
  const fit = leastSquares(columns, y0);
  const resid = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let yhat = 0;
    for (let j = 0; j < columns.length; j++)
      yhat += (fit.params[j] as number) * ((columns[j] as ArrayLike<number>)[i] as number);
    resid[i] = (y0[i] as number) - yhat;
  }
  // R² as statsmodels: centred with a constant, uncentred without one.
  let mean = 0;
  if (trend !== 'n') {
    for (let i = 0; i < n; i++) mean += y0[i] as number;
    mean /= n;
  }
  let tss = 0;
  for (let i = 0; i < n; i++) tss += ((y0[i] as number) - mean) ** 2;
  const rsquared = 1 - fit.ssr / tss;

  let statistic = -Infinity;
  if (rsquared < 1 - 100 * SQRT_EPS) {
    const adfOptions = {
      regression: 'n' as const,
      autolag: options.autolag === undefined ? ('aic' as const) : options.autolag,
    };
    statistic = adfuller(
      resid,
      options.maxlag === undefined ? adfOptions : { ...adfOptions, maxlag: options.maxlag },
    ).statistic;
  }
  const critical: CriticalValues = trend === 'n' ? [NaN, NaN, NaN] : mackinnonCrit(2, trend, n - 1);
  return { statistic, pvalue: mackinnonP(statistic, trend, 2), critical };
}
