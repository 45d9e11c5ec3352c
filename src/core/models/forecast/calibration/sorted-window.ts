/** The last `capacity` values, kept sorted too so a quantile is one index (insert/remove O(capacity)). */
export class SortedWindow {
  private readonly order: number[] = [];
  private readonly sorted: number[] = [];

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.order.length;
  }

  push(value: number): void {
    this.order.push(value);
    this.sorted.splice(lowerBound(this.sorted, value), 0, value);
    if (this.order.length > this.capacity) {
      const old = this.order.shift() as number;
      this.sorted.splice(lowerBound(this.sorted, old), 1);
    }
  }

  /** The k-th smallest value (0-based), clamped to the window. */
  at(k: number): number {
    return this.sorted[Math.min(Math.max(k, 0), this.sorted.length - 1)] as number;
  }

  max(): number {
    return this.sorted[this.sorted.length - 1] as number;
  }
}

function lowerBound(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
