/**
 * The last `window` values of a bar field (volume, trade count) with running sums, so the z-score
 * of a new value against them is O(1): z = (x − mean) / sample sd of the window, the value itself
 * excluded (a spike must not dilute its own baseline). Null until the window is full or when it
 * is flat (sd 0: every bar the same, nothing to compare with).
 */
export class Baseline {
  private readonly ring: Float64Array;
  private next = 0;
  private count = 0;
  private sum = 0;
  private sumSq = 0;

  constructor(readonly window: number) {
    this.ring = new Float64Array(window);
  }

  z(x: number): number | null {
    const n = this.window;
    if (this.count < n) return null;
    const mean = this.sum / n;
    const variance = (this.sumSq - n * mean * mean) / (n - 1);
    // Running sums leave a little noise on a flat window; treat that as flat.
    if (!(variance > 1e-12 * Math.max(1, mean * mean))) return null;
    return (x - mean) / Math.sqrt(variance);
  }

  push(x: number): void {
    if (this.count === this.window) {
      const old = this.ring[this.next] as number;
      this.sum -= old;
      this.sumSq -= old * old;
    } else {
      this.count++;
    }
    this.ring[this.next] = x;
    this.sum += x;
    this.sumSq += x * x;
    this.next = (this.next + 1) % this.window;
    // Re-sum now and then so the subtractions do not accumulate error.
    if (this.next === 0 && this.count === this.window) this.resum();
  }

  private resum(): void {
    let s = 0;
    let q = 0;
    for (const v of this.ring) {
      s += v;
      q += v * v;
    }
    this.sum = s;
    this.sumSq = q;
  }
}
