import type { Stage } from '../indicators/stage';

/**
 * Drawdown from the running peak since the first input: x / peak − 1 (0 at a new peak, −0.25 a
 * quarter below it), and the deepest drawdown so far. Inputs must be positive.
 */
export class Drawdown implements Stage<number, { readonly drawdown: number; readonly max: number }> {
  private peak = -Infinity;
  private deepest = 0;

  update(x: number, commit: boolean): { readonly drawdown: number; readonly max: number } {
    const peak = Math.max(this.peak, x);
    const drawdown = x / peak - 1;
    const deepest = Math.min(this.deepest, drawdown);
    if (commit) {
      this.peak = peak;
      this.deepest = deepest;
    }
    return { drawdown, max: deepest };
  }
}
