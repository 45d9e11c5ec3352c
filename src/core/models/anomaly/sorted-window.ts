import { RingBuffer } from './ring-buffer';
import { robustLocation, type RobustLocation } from './robust-scale';

/** The order of a typed array's sort: −0 before +0, NaN after everything. */
function before(a: number, b: number): boolean {
  if (Number.isNaN(b)) return !Number.isNaN(a);
  return a < b || (a === 0 && b === 0 && Object.is(a, -0) && !Object.is(b, -0));
}

/**
 * A ring of the last `capacity` values that also keeps them sorted (one binary search and one
 * block move per push), so the median and MAD need no sort: the median is read off the middle and
 * the MAD is the middle of the deviations, which are two already-ordered runs (below and above the
 * median) merged only as far as the middle. Every number it returns is computed by the same
 * operations on the same values as `robustLocation` after its two sorts, so the results are
 * bit-identical (tested); a non-finite value falls back to `robustLocation` itself.
 */
export class SortedWindow {
  private readonly ring: RingBuffer;
  private readonly sorted: Float64Array;
  private readonly scratch: Float64Array;
  private nonFinite = 0;

  constructor(readonly capacity: number) {
    this.ring = new RingBuffer(capacity);
    this.sorted = new Float64Array(capacity);
    this.scratch = new Float64Array(capacity);
  }

  get length(): number {
    return this.ring.length;
  }

  last(): number {
    return this.ring.last();
  }

  push(x: number): void {
    let n = this.ring.length;
    if (n === this.capacity) {
      const old = this.ring.get(0);
      if (!Number.isFinite(old)) this.nonFinite--;
      this.removeSorted(old, n);
      n--;
    }
    this.ring.push(x);
    if (!Number.isFinite(x)) this.nonFinite++;
    const at = this.insertionPoint(x, n);
    this.sorted.copyWithin(at + 1, at, n);
    this.sorted[at] = x;
  }

  /** Median and robust σ of the window, exactly as `robustLocation` gives them. */
  location(): RobustLocation {
    const n = this.ring.length;
    if (this.nonFinite > 0 || n === 0) return robustLocation(this.ring, this.scratch);
    const v = this.sorted;
    const h = n >> 1;
    const median = n % 2 === 1 ? (v[h] as number) : ((v[h - 1] as number) + (v[h] as number)) / 2;
    // Deviations |v − median| ascend leftwards from the split below the median and rightwards above it.
    let lo = this.insertionPoint(median, n) - 1;
    while (lo >= 0 && !((v[lo] as number) < median)) lo--;
    let hi = lo + 1;
    let previous = 0;
    let current = 0;
    for (let k = 0; k <= h; k++) {
      const left = lo >= 0 ? Math.abs((v[lo] as number) - median) : Infinity;
      const right = hi < n ? Math.abs((v[hi] as number) - median) : Infinity;
      previous = current;
      if (left < right) {
        current = left;
        lo--;
      } else {
        current = right;
        hi++;
      }
    }
    const mad = n % 2 === 1 ? current : (previous + current) / 2;
    if (mad > 0) return { median, scale: 1.4826 * mad };
    let absSum = 0;
    for (let i = 0; i < n; i++) absSum += Math.abs((v[i] as number) - median);
    return { median, scale: (1.2533 * absSum) / n };
  }

  toArray(): number[] {
    return this.ring.toArray();
  }

  static fromArray(capacity: number, values: readonly number[]): SortedWindow {
    const w = new SortedWindow(capacity);
    for (const x of values) w.push(x);
    return w;
  }

  /** First index whose value sorts after `x` (among the first `n`). */
  private insertionPoint(x: number, n: number): number {
    let a = 0;
    let b = n;
    while (a < b) {
      const m = (a + b) >> 1;
      if (before(x, this.sorted[m] as number)) b = m;
      else a = m + 1;
    }
    return a;
  }

  private removeSorted(x: number, n: number): void {
    let at = this.insertionPoint(x, n) - 1;
    // Equal values are interchangeable; NaN (never equal) sits at the end of a typed array's order.
    if (Number.isNaN(x)) at = n - 1;
    while (at > 0 && !Object.is(this.sorted[at], x) && !Number.isNaN(x)) at--;
    this.sorted.copyWithin(at, at + 1, n);
  }
}
