export interface DivergenceOptions {
  /** Fire when |return A − return B| exceeds this fraction (0.005 = 0.5%). */
  readonly threshold: number;
  /** Returns are measured over this trailing window (60 000 = 60 s). */
  readonly windowMs: number;
}

export interface DivergenceEvent {
  readonly timeMs: number;
  /** Simple return of A over the window: price now / price windowMs ago − 1. */
  readonly returnA: number;
  readonly returnB: number;
  /** returnA − returnB. */
  readonly difference: number;
}

/** Price history of one instrument: the newest price at or before now − window, then everything after. */
class Trail {
  private readonly times: number[] = [];
  private readonly prices: number[] = [];
  private head = 0;

  get lastTimeMs(): number {
    return this.times.length > this.head ? (this.times[this.times.length - 1] as number) : -Infinity;
  }

  push(timeMs: number, price: number): void {
    this.times.push(timeMs);
    this.prices.push(price);
  }

  /** Drops prices older than the anchor for `fromMs`, compacting now and then (amortised O(1)). */
  prune(fromMs: number): void {
    while (this.times.length - this.head >= 2 && (this.times[this.head + 1] as number) <= fromMs) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.prices.splice(0, this.head);
      this.head = 0;
    }
  }

  /** Return from the anchor to the latest price; null until the history reaches back to `fromMs`. */
  returnSince(fromMs: number): number | null {
    if (this.times.length <= this.head || (this.times[this.head] as number) > fromMs) return null;
    return (this.prices[this.prices.length - 1] as number) / (this.prices[this.head] as number) - 1;
  }
}

/**
 * Flags when two instruments' returns over a trailing window part ways, e.g. "A and B diverge by
 * more than 0.5% within 60 s". Feed every trade or quote mid of either side; each update is
 * evaluated at its time, with each side's price as of then and as of windowMs earlier (the last
 * price at or before that instant). Silent until both sides have that much history. One event is
 * emitted per excursion: it re-arms once the difference is back within the threshold.
 */
export class DivergenceDetector {
  private readonly trails = { a: new Trail(), b: new Trail() };
  private armed = true;

  constructor(private readonly options: DivergenceOptions) {
    if (!(options.threshold > 0)) throw new RangeError(`threshold must be positive, got ${options.threshold}`);
    if (!(options.windowMs > 0)) throw new RangeError(`windowMs must be positive, got ${options.windowMs}`);
  }

  /** Returns an event when this update opens a divergence, else null. Out-of-order prices are ignored. */
  update(side: 'a' | 'b', timeMs: number, price: number): DivergenceEvent | null {
    const trail = this.trails[side];
    if (timeMs < trail.lastTimeMs || !(price > 0)) return null;
    trail.push(timeMs, price);
    const now = Math.max(timeMs, this.trails.a.lastTimeMs, this.trails.b.lastTimeMs);
    const from = now - this.options.windowMs;
    this.trails.a.prune(from);
    this.trails.b.prune(from);
    const returnA = this.trails.a.returnSince(from);
    const returnB = this.trails.b.returnSince(from);
    if (returnA === null || returnB === null) return null;
    const difference = returnA - returnB;
    if (Math.abs(difference) <= this.options.threshold) {
      this.armed = true;
      return null;
    }
    if (!this.armed) return null;
    this.armed = false;
    return { timeMs: now, returnA, returnB, difference };
  }
}
