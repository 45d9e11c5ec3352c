import { RollingWindow } from '../indicators/rolling-window';
import type { Stage } from '../indicators/stage';
import { mean, populationVariance } from '../indicators/window-math';

/**
 * (x − mean)/std over the last `period` inputs including x, population std (the same deviation
 * Bollinger Bands use, so zscore = 2 on the upper 2σ band). 0 when the window is flat.
 */
export class ZScore implements Stage {
  private readonly window: RollingWindow;

  constructor(readonly period: number) {
    if (period < 2) throw new RangeError('a z-score needs period >= 2');
    this.window = new RollingWindow(period);
  }

  update(x: number, commit: boolean): number | null {
    const values = this.window.full(x, commit);
    if (values === null) return null;
    const center = mean(values);
    const std = Math.sqrt(populationVariance(values, center));
    return std === 0 ? 0 : (x - center) / std;
  }
}
