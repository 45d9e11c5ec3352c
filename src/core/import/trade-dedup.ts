import type { Trade } from '../exchange/types';

export type DedupVerdict = 'new' | 'duplicate' | 'unknowable';

/** How many recent ids (or id-less identities) are remembered: a few MB, whatever the file size. */
export const DEDUP_WINDOW = 1 << 17;

/**
 * Drops repeated trades of one instrument in bounded memory. Files list ids in increasing order
 * (Binance) or nearly so, so the last `window` ids are enough: an id among them is a duplicate,
 * a larger one is new, and a smaller id that already left the window cannot be told apart
 * ('unknowable', for the caller to refuse). Rows without ids are duplicates when time, price,
 * size and side all equal one of the last `window` such rows.
 */
export class TradeDedup {
  private readonly ids = new Set<number>();
  private readonly idRing: Float64Array;
  private idHead = 0;
  private evictedMaxId = -Infinity;
  private readonly keys = new Set<string>();
  private readonly keyRing: string[] = [];
  private keyHead = 0;

  constructor(private readonly window = DEDUP_WINDOW) {
    this.idRing = new Float64Array(window);
  }

  check(trade: Trade): DedupVerdict {
    return trade.id === undefined ? this.checkIdentity(trade) : this.checkId(trade.id);
  }

  private checkId(id: number): DedupVerdict {
    if (this.ids.has(id)) return 'duplicate';
    if (id <= this.evictedMaxId) return 'unknowable';
    if (this.ids.size === this.window) {
      const old = this.idRing[this.idHead] as number;
      this.ids.delete(old);
      if (old > this.evictedMaxId) this.evictedMaxId = old;
    }
    this.idRing[this.idHead] = id;
    this.idHead = (this.idHead + 1) % this.window;
    this.ids.add(id);
    return 'new';
  }

  private checkIdentity(t: Trade): DedupVerdict {
    const key = `${t.timeMs}|${t.price}|${t.size}|${t.side}`;
    if (this.keys.has(key)) return 'duplicate';
    if (this.keyRing.length < this.window) this.keyRing.push(key);
    else {
      this.keys.delete(this.keyRing[this.keyHead] as string);
      this.keyRing[this.keyHead] = key;
      this.keyHead = (this.keyHead + 1) % this.window;
    }
    this.keys.add(key);
    return 'new';
  }
}
