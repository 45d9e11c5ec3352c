import { CompensatedSum } from './compensated-sum';
import { RingBuffer } from './ring-buffer';

/**
 * Mean and population variance of the last `size` inputs in O(1) per update.
 *
 * Inputs are taken relative to a reference value from the window (`shift`): prices on a tick
 * grid subtract exactly, and the running state then lives at the scale of the deviations rather
 * than of the price level, where each rounding is far smaller. The centred sum of squares
 * M2 = Σ(x − mean)² is updated as one value replaces another (the sliding form of Welford's
 * update), never as Σx² − n·mean², which cancels. Sum and M2 are recomputed two-pass from the
 * window every `size` commits, so rounding cannot build up over a long stream.
 */
export class RollingMoments {
  private readonly window: RingBuffer;
  private readonly total = new CompensatedSum();
  private readonly scratch = new CompensatedSum();
  private shift = 0;
  private m2 = 0;
  private sinceExact = 0;
  /** Mean of the window as of the last `update`. */
  mean = NaN;
  /** Population variance of the window as of the last `update`. */
  variance = NaN;

  constructor(readonly size: number) {
    this.window = new RingBuffer(size);
  }

  /**
   * Moves to the window ending with `x` (committing it when asked) and sets `mean` and
   * `variance`; returns whether the window holds `size` values. A commit yields exactly what a
   * preview of the same input yields.
   */
  update(x: number, commit: boolean): boolean {
    const before = this.window.length;
    if (before === 0 && commit) this.shift = x;
    const shift = before === 0 ? x : this.shift;
    const raw = this.window.leaving;
    const leaving = raw === undefined ? undefined : raw - shift;
    const y = x - shift;
    const n = leaving === undefined ? before + 1 : before;
    const oldMean = before === 0 ? 0 : this.total.value / before;
    const sum = commit ? this.total : this.scratch;
    if (!commit) sum.copyFrom(this.total);
    if (leaving !== undefined) sum.add(-leaving);
    sum.add(y);
    const mean = sum.value / n;
    let m2: number;
    if (leaving !== undefined) m2 = this.m2 + (y - leaving) * (y - mean + leaving - oldMean);
    else m2 = before === 0 ? 0 : this.m2 + (y - oldMean) * (y - mean);
    if (m2 < 0) m2 = 0;
    this.mean = shift + mean;
    this.variance = m2 / n;
    if (commit) {
      this.window.push(x);
      this.m2 = m2;
      if (++this.sinceExact >= this.size) this.recompute();
    }
    return n === this.size;
  }

  /** Exact state from the window, relative to its newest value. */
  private recompute(): void {
    this.sinceExact = 0;
    const w = this.window;
    this.shift = w.at(w.length - 1);
    this.total.reset();
    for (let i = 0; i < w.length; i++) this.total.add(w.at(i) - this.shift);
    const mean = this.total.value / w.length;
    let m2 = 0;
    for (let i = 0; i < w.length; i++) {
      const d = w.at(i) - this.shift - mean;
      m2 += d * d;
    }
    this.m2 = m2;
  }
}
