import { CompensatedSum } from './compensated-sum';
import { RingBuffer } from './ring-buffer';

/**
 * Σx and the linearly weighted Σ(i+1)·x (i = 0 for the oldest) of the last `size` inputs, in O(1)
 * per update, for weighted averages and least-squares lines. When the window slides, every
 * weight drops by one and the new value takes weight `size`: W' = W − Σx + size·x. Compensated
 * sums keep each step to one rounding, and both are recomputed from the window every `size`
 * commits.
 */
export class RollingLinearSums {
  private readonly window: RingBuffer;
  private readonly plain = new CompensatedSum();
  private readonly linear = new CompensatedSum();
  private readonly plainScratch = new CompensatedSum();
  private readonly linearScratch = new CompensatedSum();
  private sinceExact = 0;
  /** Σx of the window as of the last `update`. */
  sum = NaN;
  /** Σ(i+1)·x of the window as of the last `update`. */
  weighted = NaN;

  constructor(readonly size: number) {
    this.window = new RingBuffer(size);
  }

  /** Moves to the window ending with `x` (committing when asked); returns whether it holds `size` values. */
  update(x: number, commit: boolean): boolean {
    const leaving = this.window.leaving;
    const plain = commit ? this.plain : this.plainScratch;
    const linear = commit ? this.linear : this.linearScratch;
    if (!commit) {
      plain.copyFrom(this.plain);
      linear.copyFrom(this.linear);
    }
    if (leaving !== undefined) {
      linear.add(-plain.value);
      linear.add(this.size * x);
      plain.add(-leaving);
    } else {
      linear.add((this.window.length + 1) * x);
    }
    plain.add(x);
    // Read before any recomputation, so that a commit yields exactly what a preview yields.
    this.sum = plain.value;
    this.weighted = linear.value;
    const full = this.window.length + (leaving === undefined ? 1 : 0) === this.size;
    if (commit) {
      this.window.push(x);
      if (++this.sinceExact >= this.size) this.recompute();
    }
    return full;
  }

  private recompute(): void {
    this.sinceExact = 0;
    this.plain.reset();
    this.linear.reset();
    for (let i = 0; i < this.window.length; i++) {
      const v = this.window.at(i);
      this.plain.add(v);
      this.linear.add((i + 1) * v);
    }
  }
}
