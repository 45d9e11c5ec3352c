import type { BarInput } from '../indicators/bar-input';
import { RollingWindow } from '../indicators/rolling-window';
import type { Stage } from '../indicators/stage';
import { LogReturn } from './log-return';

/**
 * Close-to-close realised volatility: sqrt(mean of squared log returns) over the last `period`
 * returns (zero-mean estimator, the realised-variance convention). Per bar, not annualised:
 * multiply by sqrt(bars per year) for that.
 */
export class CloseToCloseVolatility implements Stage<BarInput> {
  private readonly returns = new LogReturn();
  private readonly window: RollingWindow;

  constructor(readonly period: number) {
    this.window = new RollingWindow(period);
  }

  update(bar: BarInput, commit: boolean): number | null {
    const r = this.returns.update(bar.close, commit);
    const values = r === null ? null : this.window.full(r * r, commit);
    if (values === null) return null;
    let total = 0;
    for (const v of values) total += v;
    return Math.sqrt(total / values.length);
  }
}

/**
 * Parkinson's high-low volatility: sqrt(Σ ln(H/L)² / (4·n·ln 2)) over the last `period` bars
 * (M. Parkinson, "The Extreme Value Method for Estimating the Variance of the Rate of Return",
 * Journal of Business 53(1), 1980). Per bar, not annualised.
 */
export class ParkinsonVolatility implements Stage<BarInput> {
  private readonly window: RollingWindow;

  constructor(readonly period: number) {
    this.window = new RollingWindow(period);
  }

  update(bar: BarInput, commit: boolean): number | null {
    const range = Math.log(bar.high / bar.low);
    const values = this.window.full(range * range, commit);
    if (values === null) return null;
    let total = 0;
    for (const v of values) total += v;
    return Math.sqrt(total / (4 * values.length * Math.LN2));
  }
}
