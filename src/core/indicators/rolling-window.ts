/**
 * The last `size` values of a series. Windowed statistics are recomputed from the window on each
 * bar instead of kept as running sums: windows are short, and running sums drift over a live
 * stream that runs for days.
 */
export class RollingWindow {
  private readonly values: number[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`window size must be a positive integer, got ${size}`);
  }

  /** Number of committed values held (at most `size`). */
  get length(): number {
    return this.values.length;
  }

  /**
   * The window as of this bar, oldest first and ending with `x`; commits `x` when asked. The
   * returned array is only valid until the next call.
   */
  update(x: number, commit: boolean): readonly number[] {
    if (commit) {
      this.values.push(x);
      if (this.values.length > this.size) this.values.shift();
      return this.values;
    }
    const start = this.values.length >= this.size ? this.values.length - this.size + 1 : 0;
    const view = this.values.slice(start);
    view.push(x);
    return view;
  }

  /** Like `update`, but null until the window holds `size` values. */
  full(x: number, commit: boolean): readonly number[] | null {
    const window = this.update(x, commit);
    return window.length === this.size ? window : null;
  }
}
