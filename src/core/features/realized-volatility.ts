import type { BarInput } from '../indicators/bar-input';
import { RollingSum } from '../indicators/rolling-sum';
import type { Stage } from '../indicators/stage';
import { LogReturn } from './log-return';

/**
 * Close-to-close realised volatility: sqrt(mean of squared log returns) over the last `period`
 * returns (zero-mean estimator, the realised-variance convention). Per bar, not annualised:
 * multiply by sqrt(bars per year) for that.
 */
export class CloseToCloseVolatility implements Stage<BarInput> {
  private readonly returns = new LogReturn();
  private readonly squares: RollingSum;

  constructor(readonly period: number) {
    this.squares = new RollingSum(period);
  }

  update(bar: BarInput, commit: boolean): number | null {
    const r = this.returns.update(bar.close, commit);
    const total = r === null ? null : this.squares.update(r * r, commit);
    // A sum of squares cannot be negative; rounding of the running sum must not make it so.
    return total === null ? null : Math.sqrt(Math.max(0, total) / this.period);
  }
}

/**
 * Parkinson's high-low volatility: sqrt(Σ ln(H/L)² / (4·n·ln 2)) over the last `period` bars
 * (M. Parkinson, "The Extreme Value Method for Estimating the Variance of the Rate of Return",
 * Journal of Business 53(1), 1980). Per bar, not annualised.
 */
export class ParkinsonVolatility implements Stage<BarInput> {
  private readonly squares: RollingSum;

  constructor(readonly period: number) {
    this.squares = new RollingSum(period);
  }

  update(bar: BarInput, commit: boolean): number | null {
    const range = Math.log(bar.high / bar.low);
    const total = this.squares.update(range * range, commit);
    return total === null ? null : Math.sqrt(Math.max(0, total) / (4 * this.period * Math.LN2));
  }
}
