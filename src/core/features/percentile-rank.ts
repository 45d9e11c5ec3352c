import { RollingWindow } from '../indicators/rolling-window';
import type { Stage } from '../indicators/stage';

/**
 * Percentile rank, 0..100: the share of the previous `period` inputs that are at or below x
 * (TradingView's ta.percentrank). Null until there are `period` previous inputs.
 */
export class PercentileRank implements Stage {
  private readonly window: RollingWindow;

  constructor(readonly period: number) {
    // One extra slot: the window holds the previous `period` inputs plus x itself.
    this.window = new RollingWindow(period + 1);
  }

  update(x: number, commit: boolean): number | null {
    const values = this.window.full(x, commit);
    if (values === null) return null;
    let atOrBelow = 0;
    for (let i = 0; i < this.period; i++) if ((values[i] as number) <= x) atOrBelow++;
    return (100 * atOrBelow) / this.period;
  }
}
