import { isDegenerateSpread, RollingCoMoments, type CoMoments } from './rolling-co-moments';

function correlationFrom(m: CoMoments, window: number): number | null {
  if (m.n < window || isDegenerateSpread(m.syy, m.n, m.meanY) || isDegenerateSpread(m.sxx, m.n, m.meanX)) return null;
  const r = m.sxy / Math.sqrt(m.syy * m.sxx);
  // Rounding can push |r| a hair past 1 for near-identical series.
  return Math.max(-1, Math.min(1, r));
}

/**
 * Rolling Pearson correlation of the log returns of two aligned price series, over the last
 * `window` returns (so `window + 1` prices). `add` commits a closed bar's prices, `replace`
 * evaluates the forming bar's. Null during warm-up or while either return series is constant.
 */
export class RollingReturnCorrelation {
  private readonly moments: RollingCoMoments;
  private prevA: number | null = null;
  private prevB: number | null = null;

  constructor(readonly window: number) {
    if (!Number.isInteger(window) || window < 2) {
      throw new RangeError(`RollingReturnCorrelation window must be an integer >= 2, got ${window}`);
    }
    this.moments = new RollingCoMoments(window);
  }

  add(a: number, b: number): number | null {
    const { prevA, prevB } = this;
    this.prevA = a;
    this.prevB = b;
    if (prevA === null || prevB === null) return null;
    this.moments.push(Math.log(a / prevA), Math.log(b / prevB));
    return correlationFrom(this.moments.current(), this.window);
  }

  replace(a: number, b: number): number | null {
    if (this.prevA === null || this.prevB === null) return null;
    return correlationFrom(this.moments.peek(Math.log(a / this.prevA), Math.log(b / this.prevB)), this.window);
  }
}
