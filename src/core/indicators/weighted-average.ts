import { RollingLinearSums } from './rolling-linear-sums';
import type { Stage } from './stage';

/** Linearly weighted moving average stage, weights 1..period with the newest weighted most; O(1) per update. */
export class WeightedAverage implements Stage {
  private readonly sums: RollingLinearSums;
  private readonly divisor: number;

  constructor(readonly period: number) {
    this.sums = new RollingLinearSums(period);
    this.divisor = (period * (period + 1)) / 2;
  }

  update(x: number, commit: boolean): number | null {
    return this.sums.update(x, commit) ? this.sums.weighted / this.divisor : null;
  }
}
