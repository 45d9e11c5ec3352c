import { OrderStatisticTree } from '../indicators/order-statistic-tree';
import { RingBuffer } from '../indicators/ring-buffer';
import type { Stage } from '../indicators/stage';

/**
 * Percentile rank, 0..100: the share of the previous `period` inputs that are at or below x
 * (TradingView's ta.percentrank). Null until there are `period` previous inputs. The previous
 * inputs are kept sorted in an order-statistic tree, so an update costs O(log period).
 */
export class PercentileRank implements Stage {
  private readonly window: RingBuffer;
  private readonly sorted = new OrderStatisticTree();

  constructor(readonly period: number) {
    this.window = new RingBuffer(period);
  }

  update(x: number, commit: boolean): number | null {
    const value = this.window.full ? (100 * this.sorted.below(x, true).count) / this.period : null;
    if (commit) {
      const leaving = this.window.leaving;
      if (leaving !== undefined) this.sorted.delete(leaving);
      this.sorted.insert(x);
      this.window.push(x);
    }
    return value;
  }
}
