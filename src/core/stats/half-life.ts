import { ols } from './ols';

export interface HalfLife {
  /** Slope λ of Δs_t = c + λ·s_{t−1} + ε_t. Mean reversion needs λ < 0. */
  readonly lambda: number;
  /** −ln 2 / λ, in bars; null when λ >= 0 (the spread does not revert). */
  readonly halfLife: number | null;
}

/**
 * Half-life of mean reversion of a spread (Ornstein-Uhlenbeck fit by OLS, as in Chan, Algorithmic
 * Trading, 2013): regress the one-bar change on the lagged level with a constant.
 */
export function halfLife(spread: ArrayLike<number>): HalfLife {
  const n = spread.length;
  if (n < 4) throw new RangeError(`halfLife: need at least 4 points, got ${n}`);
  const lagged = new Float64Array(n - 1);
  const change = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) {
    lagged[i - 1] = spread[i - 1] as number;
    change[i - 1] = (spread[i] as number) - (spread[i - 1] as number);
  }
  const lambda = ols(change, lagged).beta;
  return { lambda, halfLife: lambda < 0 ? -Math.LN2 / lambda : null };
}
