import { adfuller, type AdfResult } from './adf';
import { coint, type CointResult } from './coint';
import { halfLife } from './half-life';
import { ols, spreadSeries } from './ols';

export interface PairSummary {
  readonly bars: number;
  /** Full-sample a = alpha + beta·b. */
  readonly ols: { readonly beta: number; readonly alpha: number };
  /** ADF (constant, AIC lag choice) of the full-sample OLS spread. */
  readonly adf: AdfResult;
  /** Engle-Granger coint(a, b), trend 'c'. */
  readonly coint: CointResult;
  /** Half-life of the full-sample spread in bars; null if it does not mean-revert. */
  readonly halfLifeBars: number | null;
}

/**
 * Whole-sample statistics of an aligned pair. Note the ADF p-value treats the hedge ratio as
 * known; the cointegration p-value accounts for estimating it and is the one to test with.
 * Throws RangeError when the sample is too short or b is constant.
 */
export function pairSummary(a: ArrayLike<number>, b: ArrayLike<number>): PairSummary {
  const line = ols(a, b);
  const spread = spreadSeries(a, b, line.beta, line.alpha);
  return {
    bars: a.length,
    ols: { beta: line.beta, alpha: line.alpha },
    adf: adfuller(spread),
    coint: coint(a, b),
    halfLifeBars: halfLife(spread).halfLife,
  };
}
