import { RollingWindow } from '../indicators/rolling-window';
import type { Stage } from '../indicators/stage';
import { mean, populationVariance } from '../indicators/window-math';

/** Mean of the last `period` inputs; null until there are `period`. */
export class RollingMean implements Stage {
  private readonly window: RollingWindow;

  constructor(readonly period: number) {
    this.window = new RollingWindow(period);
  }

  update(x: number, commit: boolean): number | null {
    const values = this.window.full(x, commit);
    return values === null ? null : mean(values);
  }
}

/**
 * Sample standard deviation (n − 1 denominator, as pandas' rolling std) of the last `period`
 * inputs; null until there are `period`. Needs `period >= 2`.
 */
export class RollingStd implements Stage {
  private readonly window: RollingWindow;

  constructor(readonly period: number) {
    if (period < 2) throw new RangeError('a sample standard deviation needs period >= 2');
    this.window = new RollingWindow(period);
  }

  update(x: number, commit: boolean): number | null {
    const values = this.window.full(x, commit);
    if (values === null) return null;
    const n = values.length;
    return Math.sqrt((populationVariance(values) * n) / (n - 1));
  }
}
