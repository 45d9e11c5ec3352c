import type { GapRule } from '../adapter';
import type { Trade, VenueId } from '../types';
import type { Gap } from './gap';

/**
 * What the integrity stage decided about one trade:
 * - new: first time seen, at or past the newest id (forward the trade);
 * - late: first time seen but older than the newest id: it filled (part of) a gap or predates
 *   everything we had, e.g. a REST backfill page (forward it too);
 * - duplicate: already seen (reconnect snapshot overlap, Coinbase `last_match`, double delivery): drop;
 * - out-of-window: older than the dedupe memory reaches, so new and duplicate cannot be told apart: drop.
 */
export type IntegrityVerdict = 'new' | 'late' | 'duplicate' | 'out-of-window';

export type IntegrityEvent =
  /** Ids are missing: from a jump in the live ids, or a heartbeat naming a newer id than we have. */
  | { readonly kind: 'gap-open'; readonly gap: Gap; readonly cause: 'ids' | 'heartbeat' }
  /** Late trades arrived inside `gap`; `remaining` replaces it (empty: closed; two: split). */
  | { readonly kind: 'gap-fill'; readonly gap: Gap; readonly remaining: readonly Gap[] }
  /** Too many open gaps for one instrument: the oldest is forgotten (memory bound). */
  | { readonly kind: 'gap-evict'; readonly gap: Gap }
  /** Ids started over (a newer trade with an id we already passed): state was reset. */
  | {
      readonly kind: 'id-reset';
      readonly venue: VenueId;
      readonly symbol: string;
      readonly previousId: number;
      readonly id: number;
    };

export interface TradeIntegrityOptions {
  readonly gapRule: GapRule;
  /** Open gaps remembered per instrument before the oldest is evicted. */
  readonly maxOpenGaps?: number;
  /** Ids remembered per instrument for dedupe where ids are not consecutive. */
  readonly dedupeWindow?: number;
  readonly onEvent?: (event: IntegrityEvent) => void;
}

export interface IntegrityStats {
  new: number;
  late: number;
  duplicate: number;
  outOfWindow: number;
  gapsOpened: number;
  gapsClosed: number;
  gapsEvicted: number;
  resets: number;
}

/**
 * Consecutive ids: everything in `low..high` is either held or inside one of `gaps`, so a trade
 * id is a duplicate exactly when it is in range and in no gap. No per-id memory is needed.
 */
interface ConsecutiveState {
  low: number;
  lowTimeMs: number;
  high: number;
  highTimeMs: number;
  /** Disjoint, sorted by fromId; almost always empty or tiny. */
  gaps: Gap[];
}

/** Monotonic ids: a bounded FIFO of recent ids for dedupe. */
interface WindowState {
  high: number;
  seen: Set<number>;
  ring: number[];
  next: number;
  /** Highest id evicted from the window: ids at or below it cannot be judged. */
  floor: number;
}

const DEFAULT_MAX_OPEN_GAPS = 64;
const DEFAULT_DEDUPE_WINDOW = 4096;

/**
 * Per-instrument trade integrity: dedupe by id, out-of-order handling and gap detection, in O(1)
 * amortised per trade and bounded memory. Pure: no clock, no I/O; gaps come out through
 * `onEvent` and `openGaps`.
 *
 * Rules (see `GapRule`): `consecutive` venues get exact dedupe and gaps (a trade may cover
 * `firstId..id`, OKX aggregates); `monotonic` venues get windowed dedupe only; `none` passes
 * everything through as new.
 */
export class TradeIntegrity {
  readonly stats: IntegrityStats = {
    new: 0,
    late: 0,
    duplicate: 0,
    outOfWindow: 0,
    gapsOpened: 0,
    gapsClosed: 0,
    gapsEvicted: 0,
    resets: 0,
  };
  private readonly consecutive = new Map<VenueId, Map<string, ConsecutiveState>>();
  private readonly windows = new Map<VenueId, Map<string, WindowState>>();
  private readonly maxOpenGaps: number;
  private readonly dedupeWindow: number;

  constructor(private readonly options: TradeIntegrityOptions) {
    this.maxOpenGaps = Math.max(1, options.maxOpenGaps ?? DEFAULT_MAX_OPEN_GAPS);
    this.dedupeWindow = Math.max(1, options.dedupeWindow ?? DEFAULT_DEDUPE_WINDOW);
  }

  accept(trade: Trade): IntegrityVerdict {
    const verdict = this.judge(trade);
    if (verdict === 'new') this.stats.new++;
    else if (verdict === 'late') this.stats.late++;
    else if (verdict === 'duplicate') this.stats.duplicate++;
    else this.stats.outOfWindow++;
    return verdict;
  }

  /**
   * A venue said the newest trade id of `symbol` is `lastId` (Coinbase heartbeat `last_trade_id`).
   * Ids past the newest we hold are missing: a gap opens and later trades continue from `lastId`.
   * Ignored until a first trade gave a baseline.
   */
  observeLastId(venue: VenueId, symbol: string, lastId: number, timeMs: number): void {
    if (this.options.gapRule !== 'consecutive' || !Number.isSafeInteger(lastId)) return;
    const state = this.consecutive.get(venue)?.get(symbol);
    if (state === undefined || lastId <= state.high) return;
    this.openGap(venue, symbol, state, state.high + 1, lastId, state.highTimeMs, timeMs, 'heartbeat');
    state.high = lastId;
    state.highTimeMs = timeMs;
  }

  /** Gaps still open for one instrument, oldest first. */
  openGaps(venue: VenueId, symbol: string): readonly Gap[] {
    return this.consecutive.get(venue)?.get(symbol)?.gaps.slice() ?? [];
  }

  /** Every open gap, by venue then symbol order of first appearance. */
  allOpenGaps(): Gap[] {
    const out: Gap[] = [];
    for (const bySymbol of this.consecutive.values()) for (const state of bySymbol.values()) out.push(...state.gaps);
    return out;
  }

  /** Newest id held (or known from a heartbeat) for an instrument. */
  lastId(venue: VenueId, symbol: string): number | undefined {
    return this.consecutive.get(venue)?.get(symbol)?.high ?? this.windows.get(venue)?.get(symbol)?.high;
  }

  /**
   * Continues from stored history after a reload: every id up to `lastId` is held (the store
   * only has complete history, gaps having been backfilled or recorded), so a re-sent older
   * trade is a duplicate and the first newer id past `lastId + 1` opens a gap.
   */
  resume(venue: VenueId, symbol: string, lastId: number, timeMs: number): void {
    if (this.options.gapRule !== 'consecutive' || !Number.isSafeInteger(lastId)) return;
    let bySymbol = this.consecutive.get(venue);
    if (bySymbol === undefined) {
      bySymbol = new Map();
      this.consecutive.set(venue, bySymbol);
    }
    const state = bySymbol.get(symbol);
    if (state !== undefined && state.high >= lastId) return;
    bySymbol.set(symbol, { low: 0, lowTimeMs: 0, high: lastId, highTimeMs: timeMs, gaps: state?.gaps ?? [] });
  }

  /** Forgets one instrument (or a whole venue): the next trade starts a fresh baseline. */
  reset(venue: VenueId, symbol?: string): void {
    if (symbol === undefined) {
      this.consecutive.delete(venue);
      this.windows.delete(venue);
      return;
    }
    this.consecutive.get(venue)?.delete(symbol);
    this.windows.get(venue)?.delete(symbol);
  }

  private judge(trade: Trade): IntegrityVerdict {
    const id = trade.id;
    if (id === undefined || !Number.isSafeInteger(id) || this.options.gapRule === 'none') return 'new';
    if (this.options.gapRule === 'monotonic') return this.judgeWindow(trade, id);
    return this.judgeConsecutive(trade, id);
  }

  private judgeConsecutive(trade: Trade, hi: number): IntegrityVerdict {
    const { venue, symbol, timeMs } = trade;
    const first = trade.firstId;
    const lo = first !== undefined && Number.isSafeInteger(first) && first <= hi ? first : hi;
    let bySymbol = this.consecutive.get(venue);
    if (bySymbol === undefined) {
      bySymbol = new Map();
      this.consecutive.set(venue, bySymbol);
    }
    const state = bySymbol.get(symbol);
    if (state === undefined) {
      bySymbol.set(symbol, { low: lo, lowTimeMs: timeMs, high: hi, highTimeMs: timeMs, gaps: [] });
      return 'new';
    }
    if (lo > state.high) {
      if (lo > state.high + 1)
        this.openGap(venue, symbol, state, state.high + 1, lo - 1, state.highTimeMs, timeMs, 'ids');
      state.high = hi;
      state.highTimeMs = timeMs;
      return 'new';
    }
    if (hi > state.high) {
      // Straddles our newest id: the older part may fill gaps, the rest is new.
      this.fill(state, lo, state.high, timeMs);
      state.high = hi;
      state.highTimeMs = timeMs;
      return 'new';
    }
    if (state.gaps.length > 0 && this.fill(state, lo, hi, timeMs)) {
      if (lo < state.low) this.extendDown(venue, symbol, state, lo, hi, timeMs);
      return 'late';
    }
    if (timeMs > state.highTimeMs) {
      // Newer than anything we hold yet not past our newest id: the venue restarted its ids.
      this.restart(bySymbol, state, trade, lo, hi);
      return 'new';
    }
    if (lo < state.low) {
      this.extendDown(venue, symbol, state, lo, hi, timeMs);
      return 'late';
    }
    return 'duplicate';
  }

  /** Trades older than our oldest (backfill of history): accept, leaving a gap if not adjacent. */
  private extendDown(venue: VenueId, symbol: string, state: ConsecutiveState, lo: number, hi: number, timeMs: number) {
    if (hi < state.low - 1) this.openGap(venue, symbol, state, hi + 1, state.low - 1, timeMs, state.lowTimeMs, 'ids');
    state.low = lo;
    state.lowTimeMs = timeMs;
  }

  private restart(
    bySymbol: Map<string, ConsecutiveState>,
    state: ConsecutiveState,
    trade: Trade,
    lo: number,
    hi: number,
  ) {
    const { venue, symbol, timeMs } = trade;
    for (const gap of state.gaps) this.evict(gap);
    this.stats.resets++;
    this.options.onEvent?.({ kind: 'id-reset', venue, symbol, previousId: state.high, id: hi });
    bySymbol.set(symbol, { low: lo, lowTimeMs: timeMs, high: hi, highTimeMs: timeMs, gaps: [] });
  }

  private openGap(
    venue: VenueId,
    symbol: string,
    state: ConsecutiveState,
    fromId: number,
    toId: number,
    fromTimeMs: number,
    toTimeMs: number,
    cause: 'ids' | 'heartbeat',
  ): void {
    const gap: Gap = { venue, symbol, fromId, toId, fromTimeMs, toTimeMs };
    const gaps = state.gaps;
    const last = gaps[gaps.length - 1];
    if (last === undefined || last.toId < fromId) {
      gaps.push(gap);
    } else {
      let at = 0;
      while (at < gaps.length && (gaps[at] as Gap).fromId < fromId) at++;
      gaps.splice(at, 0, gap);
    }
    this.stats.gapsOpened++;
    this.options.onEvent?.({ kind: 'gap-open', gap, cause });
    if (gaps.length > this.maxOpenGaps) this.evict(gaps.shift() as Gap);
  }

  private evict(gap: Gap): void {
    this.stats.gapsEvicted++;
    this.options.onEvent?.({ kind: 'gap-evict', gap });
  }

  /** Removes ids `lo..hi` from the open gaps; true when any gap held some of them. */
  private fill(state: ConsecutiveState, lo: number, hi: number, timeMs: number): boolean {
    const gaps = state.gaps;
    let touched = false;
    for (let i = 0; i < gaps.length; i++) {
      const gap = gaps[i] as Gap;
      if (gap.fromId > hi) break;
      if (gap.toId < lo) continue;
      touched = true;
      const remaining: Gap[] = [];
      if (gap.fromId < lo) remaining.push({ ...gap, toId: lo - 1, toTimeMs: timeMs });
      if (gap.toId > hi) remaining.push({ ...gap, fromId: hi + 1, fromTimeMs: timeMs });
      gaps.splice(i, 1, ...remaining);
      i += remaining.length - 1;
      if (remaining.length === 0) this.stats.gapsClosed++;
      this.options.onEvent?.({ kind: 'gap-fill', gap, remaining });
    }
    return touched;
  }

  private judgeWindow(trade: Trade, id: number): IntegrityVerdict {
    let bySymbol = this.windows.get(trade.venue);
    if (bySymbol === undefined) {
      bySymbol = new Map();
      this.windows.set(trade.venue, bySymbol);
    }
    let state = bySymbol.get(trade.symbol);
    if (state === undefined) {
      state = { high: -Infinity, seen: new Set(), ring: [], next: 0, floor: -Infinity };
      bySymbol.set(trade.symbol, state);
    }
    if (state.seen.has(id)) return 'duplicate';
    if (id <= state.floor) return 'out-of-window';
    if (state.ring.length < this.dedupeWindow) {
      state.ring.push(id);
    } else {
      const old = state.ring[state.next] as number;
      state.seen.delete(old);
      if (old > state.floor) state.floor = old;
      state.ring[state.next] = id;
      state.next = (state.next + 1) % this.dedupeWindow;
    }
    state.seen.add(id);
    if (id > state.high) {
      state.high = id;
      return 'new';
    }
    return 'late';
  }
}
