import { adfuller, type AdfResult } from './adf';
import { coint, type CointResult } from './coint';
import { halfLife } from './half-life';
import { ols, spreadSeries } from './ols';
import { isDegenerateSpread } from './rolling-co-moments';

export interface PairSummary {
  readonly bars: number;
  /** Full-sample a = alpha + beta·b. */
  readonly ols: { readonly beta: number; readonly alpha: number };
  /** ADF (constant, AIC lag choice) of the full-sample OLS spread; null for an exact hedge. */
  readonly adf: AdfResult | null;
  /** Engle-Granger coint(a, b), trend 'c'. */
  readonly coint: CointResult;
  /** Half-life of the full-sample spread in bars; null if it does not mean-revert. */
  readonly halfLifeBars: number | null;
}

/**
 * Whole-sample statistics of an aligned pair. Note the ADF p-value treats the hedge ratio as
 * known; the cointegration p-value accounts for estimating it and is the one to test with.
 * When a is an exact linear function of b the spread is rounding noise: ADF and half-life are
 * then null (and coint reports −Infinity, as statsmodels). Throws RangeError when the sample is
 * too short or b is constant.
 */
export function pairSummary(a: ArrayLike<number>, b: ArrayLike<number>): PairSummary {
  const line = ols(a, b);
  const spread = spreadSeries(a, b, line.beta, line.alpha);
  let meanA = 0;
  let meanS = 0;
  for (let i = 0; i < a.length; i++) {
    meanA += a[i] as number;
    meanS += spread[i] as number;
  }
  meanA /= a.length;
  meanS /= a.length;
  let sumSquares = 0;
  for (const s of spread) sumSquares += (s - meanS) ** 2;
  const exactHedge = isDegenerateSpread(sumSquares, a.length, meanA);
  return {
    bars: a.length,
    ols: { beta: line.beta, alpha: line.alpha },
    adf: exactHedge ? null : adfuller(spread),
    coint: coint(a, b),
    halfLifeBars: exactHedge ? null : halfLife(spread).halfLife,
  };
}
