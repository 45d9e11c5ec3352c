/** Fixed-capacity FIFO of numbers; the oldest value drops out when full. */
export class RingBuffer {
  private readonly data: Float64Array;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be an integer >= 1`);
    this.data = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  push(x: number): void {
    if (this.count < this.capacity) {
      this.data[(this.start + this.count) % this.capacity] = x;
      this.count++;
    } else {
      this.data[this.start] = x;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /** The i-th value, oldest first (0 ≤ i < length). */
  get(i: number): number {
    return this.data[(this.start + i) % this.capacity] as number;
  }

  /** The newest value (NaN when empty). */
  last(): number {
    return this.count === 0 ? NaN : this.get(this.count - 1);
  }

  /** Copies the values, oldest first, into `out` (which must hold `length`). */
  copyTo(out: Float64Array): Float64Array {
    for (let i = 0; i < this.count; i++) out[i] = this.get(i);
    return out;
  }

  toArray(): number[] {
    return Array.from(this.copyTo(new Float64Array(this.count)));
  }

  static fromArray(capacity: number, values: readonly number[]): RingBuffer {
    const ring = new RingBuffer(capacity);
    for (const v of values) ring.push(v);
    return ring;
  }
}
