import type { Candle, CandleUpdate } from '../candles/candle';

export type PairSide = 'a' | 'b';

/** Both instruments' bars for one open time. `add` once both are closed, else `replace`. */
export interface PairBarUpdate {
  readonly kind: 'add' | 'replace';
  readonly openTimeMs: number;
  readonly a: Candle;
  readonly b: Candle;
}

/**
 * Streaming inner join of two instruments' candle updates on open time, feeding PairAnalytics.
 * A time is emitted as `replace` while either bar is forming and once as `add` when both have
 * closed; after that it and everything older is final, so late corrections to committed bars are
 * dropped (streaming pair statistics cannot be rewound). Bars one side never gets are forgotten
 * once `maxPending` newer ones are waiting.
 */
export class PairBarAligner {
  private readonly pending: Record<PairSide, Map<number, { candle: Candle; closed: boolean }>> = {
    a: new Map(),
    b: new Map(),
  };
  private committedThroughMs = -Infinity;

  constructor(private readonly maxPending = 64) {}

  update(side: PairSide, update: CandleUpdate): PairBarUpdate | null {
    const t = update.candle.openTimeMs;
    if (t <= this.committedThroughMs) return null;
    const mine = this.pending[side];
    mine.set(t, { candle: update.candle, closed: update.kind === 'add' });
    if (mine.size > this.maxPending) this.forgetOldest(mine);
    const other = this.pending[side === 'a' ? 'b' : 'a'].get(t);
    if (other === undefined) return null;
    const here = mine.get(t) as { candle: Candle; closed: boolean };
    const [a, b] = side === 'a' ? [here, other] : [other, here];
    const kind = a.closed && b.closed ? 'add' : 'replace';
    if (kind === 'add') this.commitThrough(t);
    return { kind, openTimeMs: t, a: a.candle, b: b.candle };
  }

  private forgetOldest(map: Map<number, unknown>): void {
    let oldest = Infinity;
    for (const key of map.keys()) oldest = Math.min(oldest, key);
    map.delete(oldest);
  }

  private commitThrough(t: number): void {
    this.committedThroughMs = t;
    for (const map of [this.pending.a, this.pending.b]) {
      for (const key of [...map.keys()]) if (key <= t) map.delete(key);
    }
  }
}
