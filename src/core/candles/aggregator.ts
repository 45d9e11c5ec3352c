import { multiply } from '../decimal/decimal';
import type { PricedTrade } from '../exchange/validate';
import type { Trade, VenueId } from '../exchange/types';
import type { Candle, CandleUpdate } from './candle';
import { CandleBuilder } from './candle-builder';
import { bucketStart, timeframeMs, type TimeframeId } from './timeframe';

export interface AggregatorOptions {
  readonly timeframes: readonly TimeframeId[];
  /**
   * How long after a bar closes it still accepts late trades (backfill, reordering). Past that
   * a trade for it is refused as `too-late` instead of silently changing old history.
   */
  readonly latenessMs: number;
}

export const DEFAULT_LATENESS_MS = 15 * 60_000;

/** Spare bars kept for reuse: about what one drain forgets on a busy feed (1s bars of many symbols). */
const MAX_SPARE_BARS = 4_096;

/** Bars of one instrument and timeframe that can still change. */
class Series {
  /**
   * Open bars in open-time order: the forming one plus closed ones inside the lateness window.
   * Closing and evicting walk only the bars they touch; a lookup by open time is a binary search
   * (a Map keyed by epoch milliseconds, which are no small integers, kept a boxed number per bar).
   */
  readonly order: CandleBuilder[] = [];
  /** order[head ..) are the live bars; order[.. head) were evicted and await compaction. */
  head = 0;
  /** order[head .. closedCount) are closed. */
  closedCount = 0;
  /** The newest bar, cached because almost every trade lands in it. */
  current: CandleBuilder | null = null;
  /** Bars that open before this are closed. */
  closedBefore = -Infinity;
  /** The first time at which `closeUpTo` has a bar of this series to close (the next boundary). */
  closeAtMs = -Infinity;
  /** Bars that end at or before this are final and forgotten; trades for them are too late. */
  finalBefore = -Infinity;

  constructor(
    readonly timeframe: TimeframeId,
    readonly lengthMs: number,
  ) {}

  /** The live bar that opens at `openTimeMs`, if any. */
  find(openTimeMs: number): CandleBuilder | null {
    const order = this.order;
    let lo = this.head;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((order[mid] as CandleBuilder).openTimeMs < openTimeMs) lo = mid + 1;
      else hi = mid;
    }
    const bar = order[lo];
    return bar !== undefined && bar.openTimeMs === openTimeMs ? bar : null;
  }

  insert(bar: CandleBuilder): void {
    const order = this.order;
    let at = order.length;
    // Almost always appended; a late bar is placed by a short walk back.
    while (at > this.head && (order[at - 1] as CandleBuilder).openTimeMs > bar.openTimeMs) at--;
    if (at === order.length) order.push(bar);
    else order.splice(at, 0, bar);
    // A closed bar joins the closed prefix (a late trade into an empty, already-closed interval).
    if (at < this.closedCount || (bar.closed && at === this.closedCount)) this.closedCount++;
    if (this.current === null || bar.openTimeMs > this.current.openTimeMs) this.current = bar;
  }
}

interface InstrumentState {
  readonly series: Series[];
  /** Newest trade time seen; closes bars even when the wall clock is not driving. */
  watermarkMs: number;
  /** Earliest time at which any series has a bar to close: most trades skip closing entirely. */
  nextCloseMs: number;
  /** The latest `finalBefore` of its series: a trade at or after it is too late for none of them. */
  finalBeforeMs: number;
}

export type AddResult = 'ok' | 'too-late';

/**
 * Turns validated trades into bars on several timeframes at once. Updates are collected, not
 * emitted per trade: `drain()` returns at most one update per bar since the last drain, so a
 * caller that drains once per animation frame sends the page a coalesced batch.
 */
export class CandleAggregator {
  /** venue → symbol → state: two lookups, no key string built per trade. */
  private readonly instruments = new Map<VenueId, Map<string, InstrumentState>>();
  /** Last instrument looked up: trades of one symbol come in runs. */
  private lastVenue: VenueId | null = null;
  private lastSymbol = '';
  private lastState: InstrumentState | null = null;
  /** Bars changed since the last drain (each builder's `pending` says how). */
  private dirty: CandleBuilder[] = [];
  /** Bars forgotten since the last drain: a drain may still emit them, so they wait for it. */
  private retired: CandleBuilder[] = [];
  /** Forgotten and drained bars, reused for new intervals (see `CandleBuilder.reuse`). */
  private spare: CandleBuilder[] = [];

  constructor(private readonly options: AggregatorOptions) {}

  get timeframes(): readonly TimeframeId[] {
    return this.options.timeframes;
  }

  private state(venue: VenueId, symbol: string): InstrumentState {
    const last = this.lastState;
    if (last !== null && this.lastSymbol === symbol && this.lastVenue === venue) return last;
    const state = this.lookup(venue, symbol);
    this.lastVenue = venue;
    this.lastSymbol = symbol;
    this.lastState = state;
    return state;
  }

  private lookup(venue: VenueId, symbol: string): InstrumentState {
    let bySymbol = this.instruments.get(venue);
    if (bySymbol === undefined) {
      bySymbol = new Map();
      this.instruments.set(venue, bySymbol);
    }
    let state = bySymbol.get(symbol);
    if (state === undefined) {
      state = {
        series: this.options.timeframes.map((tf) => new Series(tf, timeframeMs(tf))),
        watermarkMs: -Infinity,
        nextCloseMs: -Infinity,
        finalBeforeMs: -Infinity,
      };
      bySymbol.set(symbol, state);
    }
    return state;
  }

  private mark(bar: CandleBuilder, kind: 'add' | 'replace'): void {
    if (bar.pending === null) this.dirty.push(bar);
    // A close ('add') wins over a change ('replace') within one drain.
    if (bar.pending !== 'add') bar.pending = kind;
  }

  /**
   * Continues stored bars after a reload: the forming bar keeps its totals and new trades add
   * to them; closed bars inside the lateness window can still take late trades.
   */
  resume(stored: readonly Candle[]): void {
    for (const candle of stored) {
      const state = this.state(candle.venue, candle.symbol);
      const series = state.series.find((s) => s.timeframe === candle.timeframe);
      if (series === undefined || series.find(candle.openTimeMs) !== null) continue;
      const builder = CandleBuilder.resume(candle);
      series.insert(builder);
      if (candle.closed) {
        builder.closed = true;
        series.closedBefore = Math.max(series.closedBefore, candle.openTimeMs + series.lengthMs);
        series.closeAtMs = bucketStart(series.closedBefore, series.timeframe) + series.lengthMs;
        series.closedCount = series.head + series.order.slice(series.head).filter((b) => b.closed).length;
      }
    }
  }

  /** Whether `add` would refuse this trade: a bar it belongs to is already final. */
  isTooLate(trade: Pick<Trade, 'venue' | 'symbol' | 'timeMs'>): boolean {
    const state = this.state(trade.venue, trade.symbol);
    return trade.timeMs < state.finalBeforeMs && this.tooLateIn(state, trade.timeMs);
  }

  private tooLateIn(state: InstrumentState, time: number): boolean {
    const all = state.series;
    for (let i = 0; i < all.length; i++) {
      const series = all[i] as Series;
      if (time < series.finalBefore && bucketStart(time, series.timeframe) + series.lengthMs <= series.finalBefore) {
        return true;
      }
    }
    return false;
  }

  add(t: PricedTrade): AddResult {
    const trade = t.trade;
    const state = this.state(trade.venue, trade.symbol);
    const time = trade.timeMs;
    // Refuse before touching anything, so a too-late trade changes no timeframe at all.
    if (time < state.finalBeforeMs && this.tooLateIn(state, time)) return 'too-late';
    const all = state.series;
    // Taken apart once here rather than in each of the timeframes' bars.
    const id = trade.id ?? -1;
    const price = trade.price;
    const priceNum = t.priceNum;
    const size = t.size;
    const side = trade.side;
    const quote = multiply(t.price, size);
    for (let i = 0; i < all.length; i++) {
      const series = all[i] as Series;
      let bar = series.current;
      if (bar === null || time < bar.openTimeMs || time >= bar.openTimeMs + series.lengthMs) {
        const open = bucketStart(time, series.timeframe);
        bar = series.find(open);
        if (bar === null) {
          const old = this.spare.pop();
          bar =
            old === undefined
              ? new CandleBuilder(trade.venue, trade.symbol, series.timeframe, open)
              : old.reuse(trade.venue, trade.symbol, series.timeframe, open);
          // A late trade into an interval that had none: the bar is born closed.
          bar.closed = open < series.closedBefore;
          series.insert(bar);
          if (bar.closed) {
            bar.addTrade(time, id, price, priceNum, size, quote, side);
            this.mark(bar, 'add');
            continue;
          }
        }
      }
      bar.addTrade(time, id, price, priceNum, size, quote, side);
      this.mark(bar, 'replace');
    }
    if (time > state.watermarkMs) {
      state.watermarkMs = time;
      if (time >= state.nextCloseMs) this.closeUpTo(state, time);
    }
    return 'ok';
  }

  /**
   * Closes every bar that ends at or before `timeMs`, for every instrument. The feed calls this
   * from a wall-clock timer (minus a small grace for network delay), so bars close on time
   * when no trade arrives.
   */
  advanceTo(timeMs: number): void {
    for (const bySymbol of this.instruments.values())
      for (const state of bySymbol.values()) this.closeUpTo(state, timeMs);
  }

  private closeUpTo(state: InstrumentState, timeMs: number): void {
    let nextClose = Infinity;
    for (const series of state.series) {
      // Most calls come from a 1s boundary: the longer series skip without any bucket math.
      if (timeMs < series.closeAtMs) {
        if (series.closeAtMs < nextClose) nextClose = series.closeAtMs;
        continue;
      }
      const limit = bucketStart(timeMs, series.timeframe);
      // The forming bar of this series closes when time reaches the next boundary.
      if (limit + series.lengthMs < nextClose) nextClose = limit + series.lengthMs;
      if (limit <= series.closedBefore) continue;
      const order = series.order;
      while (series.closedCount < order.length) {
        const bar = order[series.closedCount] as CandleBuilder;
        if (bar.openTimeMs >= limit) break;
        bar.closed = true;
        series.closedCount++;
        if (bar.tradeCount > 0) this.mark(bar, 'add');
      }
      series.closedBefore = limit;
      series.closeAtMs = limit + series.lengthMs;
      // Past the lateness window a bar is final: forget it.
      const finalBefore = timeMs - this.options.latenessMs;
      if (finalBefore > series.finalBefore) series.finalBefore = finalBefore;
      if (series.finalBefore > state.finalBeforeMs) state.finalBeforeMs = series.finalBefore;
      while (
        series.head < series.closedCount &&
        (order[series.head] as CandleBuilder).openTimeMs + series.lengthMs <= finalBefore
      ) {
        const bar = order[series.head] as CandleBuilder;
        if (series.current === bar) series.current = null;
        this.retired.push(bar);
        series.head++;
      }
      // Bars leave from the front one at a time; drop the evicted prefix only now and then (until
      // then nothing reads it: lookups, inserts and closes start at head).
      if (series.head > 512) {
        order.splice(0, series.head);
        series.closedCount -= series.head;
        series.head = 0;
      }
    }
    state.nextCloseMs = nextClose;
  }

  /** Updates since the last call, oldest bar first. */
  drain(): CandleUpdate[] {
    if (this.dirty.length === 0) {
      this.recycle();
      return [];
    }
    const out: CandleUpdate[] = [];
    for (const bar of this.dirty) {
      const kind = bar.closed ? (bar.pending ?? 'replace') : 'replace';
      out.push({ kind, candle: bar.toCandle(bar.closed) });
      bar.pending = null;
    }
    this.dirty = [];
    this.recycle();
    out.sort((a, b) => a.candle.openTimeMs - b.candle.openTimeMs);
    return out;
  }

  /** Forgotten bars are referenced by nothing once drained: they become spares (a bounded few). */
  private recycle(): void {
    const retired = this.retired;
    if (retired.length === 0) return;
    const spare = this.spare;
    for (let i = 0; i < retired.length && spare.length < MAX_SPARE_BARS; i++) spare.push(retired[i] as CandleBuilder);
    this.retired = [];
  }

  /** Closes everything (end of a file or replay) and returns the final updates. */
  finish(): CandleUpdate[] {
    for (const state of [...this.instruments.values()].flatMap((m) => [...m.values()])) {
      for (const series of state.series) {
        for (const bar of series.order.slice(series.head)) {
          if (!bar.closed) {
            bar.closed = true;
            if (bar.tradeCount > 0) this.mark(bar, 'add');
          }
        }
        series.closedCount = series.order.length;
      }
    }
    return this.drain();
  }
}
