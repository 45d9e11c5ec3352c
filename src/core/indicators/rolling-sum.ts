import { CompensatedSum } from './compensated-sum';
import { RingBuffer } from './ring-buffer';
import type { Stage } from './stage';

/**
 * Sum of the last `size` inputs in O(1) per update: a compensated running sum, recomputed from
 * the window every `size` commits so that whatever rounding is left cannot build up over a
 * stream that runs for months. A window of zeros sums to exactly 0 (flat-window rules such as
 * "no volume" compare against 0).
 */
export class RollingSum implements Stage {
  private readonly window: RingBuffer;
  private readonly total = new CompensatedSum();
  private readonly scratch = new CompensatedSum();
  private nonZero = 0;
  private sinceExact = 0;

  constructor(readonly size: number) {
    this.window = new RingBuffer(size);
  }

  /** Committed values held. */
  get length(): number {
    return this.window.length;
  }

  /** Sum of the window ending with `x`; null until it holds `size` values. */
  update(x: number, commit: boolean): number | null {
    const leaving = this.window.leaving;
    const nonZero = this.nonZero + (x !== 0 ? 1 : 0) - (leaving !== undefined && leaving !== 0 ? 1 : 0);
    const full = this.window.length + (leaving === undefined ? 1 : 0) >= this.size;
    const sum = commit ? this.total : this.scratch;
    if (!commit) sum.copyFrom(this.total);
    if (leaving !== undefined) sum.add(-leaving);
    sum.add(x);
    const value = nonZero === 0 ? 0 : sum.value;
    if (commit) {
      this.window.push(x);
      this.nonZero = nonZero;
      if (++this.sinceExact >= this.size) this.recompute();
    }
    return full ? value : null;
  }

  private recompute(): void {
    this.sinceExact = 0;
    this.total.reset();
    for (let i = 0; i < this.window.length; i++) this.total.add(this.window.at(i));
  }
}
