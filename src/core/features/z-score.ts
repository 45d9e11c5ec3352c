import { RollingMoments } from '../indicators/rolling-moments';
import type { Stage } from '../indicators/stage';

/**
 * (x − mean)/std over the last `period` inputs including x, population std (the same deviation
 * Bollinger Bands use, so zscore = 2 on the upper 2σ band). 0 when the window is flat.
 */
export class ZScore implements Stage {
  private readonly moments: RollingMoments;

  constructor(readonly period: number) {
    if (period < 2) throw new RangeError('a z-score needs period >= 2');
    this.moments = new RollingMoments(period);
  }

  update(x: number, commit: boolean): number | null {
    if (!this.moments.update(x, commit)) return null;
    const center = this.moments.mean;
    const std = Math.sqrt(this.moments.variance);
    return std === 0 ? 0 : (x - center) / std;
  }
}
