import { RollingMoments } from '../indicators/rolling-moments';
import { RollingSum } from '../indicators/rolling-sum';
import type { Stage } from '../indicators/stage';

/** Mean of the last `period` inputs; null until there are `period`. O(1) per update. */
export class RollingMean implements Stage {
  private readonly sum: RollingSum;

  constructor(readonly period: number) {
    this.sum = new RollingSum(period);
  }

  update(x: number, commit: boolean): number | null {
    const total = this.sum.update(x, commit);
    return total === null ? null : total / this.period;
  }
}

/**
 * Sample standard deviation (n − 1 denominator, as pandas' rolling std) of the last `period`
 * inputs; null until there are `period`. Needs `period >= 2`. O(1) per update.
 */
export class RollingStd implements Stage {
  private readonly moments: RollingMoments;

  constructor(readonly period: number) {
    if (period < 2) throw new RangeError('a sample standard deviation needs period >= 2');
    this.moments = new RollingMoments(period);
  }

  update(x: number, commit: boolean): number | null {
    if (!this.moments.update(x, commit)) return null;
    const n = this.period;
    return Math.sqrt((this.moments.variance * n) / (n - 1));
  }
}
