import { isDegenerateSpread, RollingCoMoments, type CoMoments } from './rolling-co-moments';

function zFrom(v: number, m: CoMoments, window: number): number | null {
  if (m.n < window || isDegenerateSpread(m.syy, m.n, m.meanY)) return null;
  return (v - m.meanY) / Math.sqrt(m.syy / (m.n - 1));
}

/**
 * z-score of the newest value against the last `window` values, itself included: (v − mean) / sd
 * with the sample standard deviation (n − 1, as pandas' rolling std). `add` commits a closed
 * bar's value, `replace` scores the forming bar's. Null until `window` values are in.
 */
export class RollingZScore {
  // Only the y side of the co-moments is used; x stays 0.
  private readonly moments: RollingCoMoments;

  constructor(readonly window: number) {
    if (!Number.isInteger(window) || window < 2)
      throw new RangeError(`RollingZScore window must be an integer >= 2, got ${window}`);
    this.moments = new RollingCoMoments(window);
  }

  add(v: number): number | null {
    this.moments.push(v, 0);
    return zFrom(v, this.moments.current(), this.window);
  }

  replace(v: number): number | null {
    return zFrom(v, this.moments.peek(v, 0), this.window);
  }
}
