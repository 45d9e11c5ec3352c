import type { BarInput } from './bar-input';
import type { Stage } from './stage';

/**
 * Wilder's true range: max(high, previous close) - min(low, previous close). Null on the first bar,
 * which has no previous close (TA-Lib's TRANGE; some charting packages use high - low there).
 */
export class TrueRange implements Stage<BarInput> {
  private previousClose: number | null = null;

  update(bar: BarInput, commit: boolean): number | null {
    const previous = this.previousClose;
    if (commit) this.previousClose = bar.close;
    if (previous === null) return null;
    return Math.max(bar.high, previous) - Math.min(bar.low, previous);
  }
}
