import { isDegenerateSpread, RollingCoMoments, type CoMoments } from './rolling-co-moments';

/** y ≈ alpha + beta·x. */
export interface HedgeRatio {
  readonly beta: number;
  readonly alpha: number;
}

function hedgeFrom(m: CoMoments, window: number): HedgeRatio | null {
  if (m.n < window || isDegenerateSpread(m.sxx, m.n, m.meanX)) return null;
  const beta = m.sxy / m.sxx;
  return { beta, alpha: m.meanY - beta * m.meanX };
}

/**
 * Rolling OLS hedge ratio with intercept over the last `window` bars (the bar itself included),
 * O(1) per update. `add` commits a closed bar; `replace` evaluates the forming bar without
 * committing it. Null until the window is full, or while x is constant over it.
 */
export class RollingOls {
  private readonly moments: RollingCoMoments;

  constructor(readonly window: number) {
    if (!Number.isInteger(window) || window < 2)
      throw new RangeError(`RollingOls window must be an integer >= 2, got ${window}`);
    this.moments = new RollingCoMoments(window);
  }

  add(y: number, x: number): HedgeRatio | null {
    this.moments.push(y, x);
    return hedgeFrom(this.moments.current(), this.window);
  }

  replace(y: number, x: number): HedgeRatio | null {
    return hedgeFrom(this.moments.peek(y, x), this.window);
  }
}
