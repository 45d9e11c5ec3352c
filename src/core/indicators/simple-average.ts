import { RollingSum } from './rolling-sum';
import type { Stage } from './stage';

/** Simple moving average stage; null until `period` inputs. O(1) per update. */
export class SimpleAverage implements Stage {
  private readonly sum: RollingSum;

  constructor(readonly period: number) {
    this.sum = new RollingSum(period);
  }

  get warmup(): number {
    return this.period - 1;
  }

  update(x: number, commit: boolean): number | null {
    const total = this.sum.update(x, commit);
    return total === null ? null : total / this.period;
  }
}
