/** Means and centred second moments of the (y, x) pairs in a window. */
export interface CoMoments {
  readonly n: number;
  readonly meanY: number;
  readonly meanX: number;
  /** Σ(y − ȳ)². */
  readonly syy: number;
  /** Σ(x − x̄)². */
  readonly sxx: number;
  /** Σ(y − ȳ)(x − x̄). */
  readonly sxy: number;
}

interface Moments {
  n: number;
  meanY: number;
  meanX: number;
  syy: number;
  sxx: number;
  sxy: number;
}

/** Welford update: centred sums never form Σx² − n·x̄², which cancels on price levels. */
function include(m: Moments, y: number, x: number): void {
  m.n += 1;
  const dy = y - m.meanY;
  const dx = x - m.meanX;
  m.meanY += dy / m.n;
  m.meanX += dx / m.n;
  m.syy += dy * (y - m.meanY);
  m.sxx += dx * (x - m.meanX);
  m.sxy += dx * (y - m.meanY);
}

/** Exact inverse of `include`. */
function exclude(m: Moments, y: number, x: number): void {
  if (m.n <= 1) {
    m.n = 0;
    m.meanY = m.meanX = m.syy = m.sxx = m.sxy = 0;
    return;
  }
  m.n -= 1;
  const dy = y - m.meanY;
  const dx = x - m.meanX;
  m.meanY -= dy / m.n;
  m.meanX -= dx / m.n;
  m.syy -= dy * (y - m.meanY);
  m.sxx -= dx * (x - m.meanX);
  m.sxy -= dx * (y - m.meanY);
}

/**
 * Sliding-window co-moments of (y, x) in O(1) per update. Removal by inverse Welford slowly
 * accumulates rounding, so every `window` commits the sums are recomputed two-pass from the
 * buffer (amortised O(1)); errors therefore stay at the level of a fresh two-pass computation.
 */
export class RollingCoMoments {
  private readonly ys: Float64Array;
  private readonly xs: Float64Array;
  /** Index of the oldest value in the ring. */
  private head = 0;
  private readonly m: Moments = { n: 0, meanY: 0, meanX: 0, syy: 0, sxx: 0, sxy: 0 };
  private sinceRefresh = 0;

  constructor(readonly window: number) {
    if (!Number.isInteger(window) || window < 1)
      throw new RangeError(`window must be a positive integer, got ${window}`);
    this.ys = new Float64Array(window);
    this.xs = new Float64Array(window);
  }

  get size(): number {
    return this.m.n;
  }

  get full(): boolean {
    return this.m.n === this.window;
  }

  /** Co-moments of the committed window. */
  current(): CoMoments {
    return { ...this.m };
  }

  /**
   * Co-moments the window would have after `push(y, x)`; commits nothing. Bit-identical to what
   * the push then reports, refresh included, so a forming bar's value does not flicker on close.
   */
  peek(y: number, x: number): CoMoments {
    const full = this.m.n === this.window;
    if (this.sinceRefresh + 1 >= this.window) {
      // Window after the push: the buffer without its oldest entry when full, then (y, x).
      const skip = full ? 1 : 0;
      return this.twoPass(this.m.n - skip + 1, (i) => {
        if (i === this.m.n - skip) return [y, x];
        const at = (this.head + skip + i) % this.window;
        return [this.ys[at] as number, this.xs[at] as number];
      });
    }
    const m = { ...this.m };
    if (full) exclude(m, this.ys[this.head] as number, this.xs[this.head] as number);
    include(m, y, x);
    return m;
  }

  /** Appends a pair, dropping the oldest once the window is full. */
  push(y: number, x: number): void {
    const m = this.m;
    if (m.n === this.window) {
      exclude(m, this.ys[this.head] as number, this.xs[this.head] as number);
      this.ys[this.head] = y;
      this.xs[this.head] = x;
      this.head = (this.head + 1) % this.window;
    } else {
      const at = (this.head + m.n) % this.window;
      this.ys[at] = y;
      this.xs[at] = x;
    }
    include(m, y, x);
    if (++this.sinceRefresh >= this.window) this.refresh();
  }

  private refresh(): void {
    this.sinceRefresh = 0;
    const fresh = this.twoPass(this.m.n, (i) => {
      const at = (this.head + i) % this.window;
      return [this.ys[at] as number, this.xs[at] as number];
    });
    Object.assign(this.m, fresh);
  }

  /** Two-pass co-moments of n pairs: means first, then centred sums. */
  private twoPass(n: number, pair: (i: number) => readonly [number, number]): Moments {
    let sy = 0;
    let sx = 0;
    for (let i = 0; i < n; i++) {
      const [y, x] = pair(i);
      sy += y;
      sx += x;
    }
    const meanY = sy / n;
    const meanX = sx / n;
    let syy = 0;
    let sxx = 0;
    let sxy = 0;
    for (let i = 0; i < n; i++) {
      const [y, x] = pair(i);
      const dy = y - meanY;
      const dx = x - meanX;
      syy += dy * dy;
      sxx += dx * dx;
      sxy += dx * dy;
    }
    return { n, meanY, meanX, syy, sxx, sxy };
  }
}

/**
 * True when Σ(x − x̄)² is indistinguishable from rounding noise: relative spread below 1e-10 of
 * the level. A regression or correlation on such a window has no meaning.
 */
export function isDegenerateSpread(sumSquares: number, n: number, mean: number): boolean {
  return !(sumSquares > 1e-20 * n * mean * mean);
}
