/**
 * Fault injection for the mock venues. Faults are plain data: `MockExchange.faults` is the global
 * default and each venue's `faults` holds overrides (unset fields fall back to the global). Every
 * fault composes with every other, and every random choice is a pure function of
 * (seed, fault kind, venue, symbol, trade id), so the same tape with the same seed loses,
 * repeats and swaps exactly the same trades on every run and for every client.
 *
 * One-shot faults (close, terminate, forced-reconnect notices, raw frames) are methods on the
 * venue mocks; see `VenueMockBase`.
 */
export interface Faults {
  /** Half-open socket: stays open but sends nothing at all (no data, acks, heartbeats or pongs). */
  silent: boolean;
  /** HTTP status every REST call answers with instead of data (451 geo-block, 429 rate limit, 5xx). */
  restStatus: number | null;
  /** Frames sent before every data frame (garbage, unknown message types). */
  garbage: string[];
  /**
   * Share (0..1) of trades not sent on the websockets: an id gap. They are still executed (in
   * `tape.emitted`), so heartbeats name them and REST backfill serves them.
   */
  drop: number;
  /** Share (0..1) of sent trades sent a second time, at the end of their batch. */
  duplicate: number;
  /**
   * Share (0..1) of sent trades swapped with the next trade of the same symbol in the same tape
   * tick (a 20 ms window), so they arrive out of order.
   */
  reorder: number;
  /** Symbols (venue spelling) refused on subscribe with the venue's own error; '*' refuses all. */
  refuseSymbols: string[];
  /** Seed of every random choice above. */
  seed: number;
}

export type FaultOverrides = Partial<Faults>;

export function defaultFaults(): Faults {
  return {
    silent: false,
    restStatus: null,
    garbage: [],
    drop: 0,
    duplicate: 0,
    reorder: 0,
    refuseSymbols: [],
    seed: 1,
  };
}

/** The faults in force for a venue: its overrides over the global defaults. */
export function resolveFaults(global: Faults, overrides: FaultOverrides): Faults {
  const out: Faults = { ...global };
  for (const key of Object.keys(overrides) as (keyof Faults)[]) {
    const value = overrides[key];
    if (value !== undefined) (out as unknown as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** A deterministic number in [0, 1) for a seed and a key (FNV-1a, then a murmur3 finaliser). */
export function chance(seed: number, ...key: readonly (string | number)[]): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  const text = key.join('|');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

export interface FaultedBatch<T> {
  /** What goes on the wire, in wire order (duplicates last). */
  readonly sent: T[];
  /** Executed but never sent (gaps). */
  readonly dropped: T[];
  /** Sent twice. */
  readonly duplicated: T[];
  /** Pairs sent swapped: [first executed, second executed]. */
  readonly swapped: [T, T][];
}

/** Applies drop, then reorder, then duplicate to one venue's trades of one tape tick. */
export function applyTradeFaults<T extends { readonly symbol: string; readonly id: number }>(
  venue: string,
  trades: readonly T[],
  f: Faults,
): FaultedBatch<T> {
  const dropped: T[] = [];
  const kept: T[] = [];
  for (const t of trades) {
    if (f.drop > 0 && chance(f.seed, 'drop', venue, t.symbol, t.id) < f.drop) dropped.push(t);
    else kept.push(t);
  }
  const swapped: [T, T][] = [];
  if (f.reorder > 0) {
    const positions = new Map<string, number[]>();
    kept.forEach((t, i) => {
      let list = positions.get(t.symbol);
      if (list === undefined) positions.set(t.symbol, (list = []));
      list.push(i);
    });
    for (const list of positions.values()) {
      for (let k = 0; k + 1 < list.length; k++) {
        const i = list[k] as number;
        const j = list[k + 1] as number;
        const a = kept[i] as T;
        if (chance(f.seed, 'reorder', venue, a.symbol, a.id) >= f.reorder) continue;
        const b = kept[j] as T;
        kept[i] = b;
        kept[j] = a;
        swapped.push([a, b]);
        k++;
      }
    }
  }
  const duplicated =
    f.duplicate > 0 ? kept.filter((t) => chance(f.seed, 'duplicate', venue, t.symbol, t.id) < f.duplicate) : [];
  return { sent: [...kept, ...duplicated], dropped, duplicated, swapped };
}

/** What a venue's faults did so far, for tests to compare against what a client saw. */
export interface FaultLog<T> {
  readonly dropped: T[];
  readonly duplicated: T[];
  readonly swapped: [T, T][];
}

export function emptyFaultLog<T>(): FaultLog<T> {
  return { dropped: [], duplicated: [], swapped: [] };
}

/**
 * A price shock: `price` times `factor`, at the price's own decimals (at least one unit of the
 * last decimal above zero), so a shocked trade is still a valid trade on every venue's wire.
 */
export function shockPrice(price: string, factor: number): string {
  const decimals = (price.split('.')[1] ?? '').length;
  const unit = 10 ** -decimals;
  return Math.max(unit, Number(price) * factor).toFixed(decimals);
}

/** A shock in force on one instrument of the tape: what multiplies its prices, for how many more trades. */
export interface PriceShock {
  readonly factor: number;
  remaining: number;
}
