/**
 * The last `size` committed values of a series in a fixed array: pushing is O(1) and nothing
 * is ever shifted or copied. Windowed statistics keep running state next to one of these and
 * read only the value that leaves the window.
 */
export class RingBuffer {
  private readonly values: Float64Array;
  /** Slot of the oldest value. */
  private start = 0;
  private count = 0;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`window size must be a positive integer, got ${size}`);
    this.values = new Float64Array(size);
  }

  /** Number of values held (at most `size`). */
  get length(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count === this.size;
  }

  /** The `i`-th value, oldest first (0 ≤ i < length). */
  at(i: number): number {
    const slot = this.start + i;
    return this.values[slot < this.size ? slot : slot - this.size] as number;
  }

  /** The value the next push evicts, or undefined while the buffer is not full. */
  get leaving(): number | undefined {
    return this.count === this.size ? (this.values[this.start] as number) : undefined;
  }

  /** The oldest value of the window that would end with `x` after a push of `x`. */
  oldestWith(x: number): number {
    if (this.count === 0) return x;
    if (this.count < this.size) return this.values[this.start] as number;
    return this.size === 1 ? x : this.at(1);
  }

  push(x: number): void {
    if (this.count < this.size) {
      const slot = this.start + this.count;
      this.values[slot < this.size ? slot : slot - this.size] = x;
      this.count++;
      return;
    }
    this.values[this.start] = x;
    this.start = this.start + 1 === this.size ? 0 : this.start + 1;
  }
}
