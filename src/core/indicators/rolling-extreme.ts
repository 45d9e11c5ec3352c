/**
 * Highest (or lowest) of the last `size` inputs in O(1) amortised per update, with the number
 * of bars since it (the most recent occurrence wins ties, TA-Lib's AROON rule). A monotonic
 * deque holds only the values that can still become the extreme: each new value removes the
 * ones it beats or ties from the back, and the front leaves once it is older than the window.
 */
export class RollingExtreme {
  /** Deque slots (ring of `size`): candidate values and the bar index each came in. */
  private readonly values: Float64Array;
  private readonly indices: Float64Array;
  private head = 0;
  private count = 0;
  /** Committed bars so far: the index the next input gets. */
  private bars = 0;
  /** Bars since the extreme, as of the last `update` (0 = the input itself). */
  age = 0;

  constructor(
    readonly size: number,
    readonly kind: 'max' | 'min',
  ) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`window size must be a positive integer, got ${size}`);
    this.values = new Float64Array(size);
    this.indices = new Float64Array(size);
  }

  private slot(i: number): number {
    const s = this.head + i;
    return s < this.size ? s : s - this.size;
  }

  /** Whether `a` takes the place of `b` (beats or ties it). */
  private wins(a: number, b: number): boolean {
    return this.kind === 'max' ? a >= b : a <= b;
  }

  /** Extreme of the window ending with `x` (committing `x` when asked); null until it holds `size` values. */
  update(x: number, commit: boolean): number | null {
    const index = this.bars;
    const oldestKept = index - this.size + 1;
    // Drop a front candidate that falls out of the window ending at `index`.
    let front = 0;
    if (this.count > 0 && (this.indices[this.slot(0)] as number) < oldestKept) front = 1;
    let extreme = x;
    this.age = 0;
    if (this.count > front) {
      const s = this.slot(front);
      const candidate = this.values[s] as number;
      if (!this.wins(x, candidate)) {
        extreme = candidate;
        this.age = index - (this.indices[s] as number);
      }
    }
    if (commit) this.commit(x, index, front);
    return index + 1 >= this.size ? extreme : null;
  }

  private commit(x: number, index: number, evictFront: number): void {
    if (evictFront === 1) {
      this.head = this.head + 1 === this.size ? 0 : this.head + 1;
      this.count--;
    }
    while (this.count > 0 && this.wins(x, this.values[this.slot(this.count - 1)] as number)) this.count--;
    const s = this.slot(this.count);
    this.values[s] = x;
    this.indices[s] = index;
    this.count++;
    this.bars++;
  }
}
