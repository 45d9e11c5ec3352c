import { multiply } from '../decimal/decimal';
import type { PricedTrade } from '../exchange/validate';
import type { Trade, VenueId } from '../exchange/types';
import type { AddResult, AggregatorOptions } from './aggregator';
import type { Candle, CandleUpdate } from './candle';
import { CandleBuilder } from './reference-candle-builder';
import { bucketStart, timeframeMs, type TimeframeId } from './timeframe';

/** Bars of one instrument and timeframe that can still change. */
class Series {
  /** Open bars by open time: the forming one plus closed ones inside the lateness window. */
  readonly bars = new Map<number, CandleBuilder>();
  /** The same bars in open-time order, so closing and evicting walk only the bars they touch. */
  readonly order: CandleBuilder[] = [];
  /** order[head ..) are the live bars; order[.. head) were evicted and await compaction. */
  head = 0;
  /** order[head .. closedCount) are closed. */
  closedCount = 0;
  /** The newest bar, cached because almost every trade lands in it. */
  current: CandleBuilder | null = null;
  /** Bars that open before this are closed. */
  closedBefore = -Infinity;
  /** Bars that end at or before this are final and forgotten; trades for them are too late. */
  finalBefore = -Infinity;

  constructor(
    readonly timeframe: TimeframeId,
    readonly lengthMs: number,
  ) {}

  insert(bar: CandleBuilder): void {
    this.bars.set(bar.openTimeMs, bar);
    const order = this.order;
    let at = order.length;
    // Almost always appended; a late bar is placed by a short walk back.
    while (at > this.head && (order[at - 1] as CandleBuilder).openTimeMs > bar.openTimeMs) at--;
    order.splice(at, 0, bar);
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
}

/**
 * Test-only: the aggregator as it was before its bars kept only numbers and price text (commit
 * 6c7d0a4), kept unchanged so a differential test can hold the fast one to it update by update.
 *
 * Turns validated trades into bars on several timeframes at once. Updates are collected, not
 * emitted per trade: `drain()` returns at most one update per bar since the last drain, so a
 * caller that drains once per animation frame sends the page a coalesced batch.
 */
export class ReferenceAggregator {
  /** venue → symbol → state: two lookups, no key string built per trade. */
  private readonly instruments = new Map<VenueId, Map<string, InstrumentState>>();
  /** Last instrument looked up: trades of one symbol come in runs. */
  private last: { venue: VenueId; symbol: string; state: InstrumentState } | null = null;
  /** Bars changed since the last drain (each builder's `pending` says how). */
  private dirty: CandleBuilder[] = [];

  constructor(private readonly options: AggregatorOptions) {}

  get timeframes(): readonly TimeframeId[] {
    return this.options.timeframes;
  }

  private state(venue: VenueId, symbol: string): InstrumentState {
    const last = this.last;
    if (last !== null && last.symbol === symbol && last.venue === venue) return last.state;
    const state = this.lookup(venue, symbol);
    this.last = { venue, symbol, state };
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
      if (series === undefined || series.bars.has(candle.openTimeMs)) continue;
      const builder = CandleBuilder.resume(candle);
      series.insert(builder);
      if (candle.closed) {
        builder.closed = true;
        series.closedBefore = Math.max(series.closedBefore, candle.openTimeMs + series.lengthMs);
        series.closedCount = series.head + series.order.slice(series.head).filter((b) => b.closed).length;
      }
    }
  }

  /** Whether `add` would refuse this trade: a bar it belongs to is already final. */
  isTooLate(trade: Pick<Trade, 'venue' | 'symbol' | 'timeMs'>): boolean {
    const time = trade.timeMs;
    const all = this.state(trade.venue, trade.symbol).series;
    for (let i = 0; i < all.length; i++) {
      const series = all[i] as Series;
      if (time < series.finalBefore && bucketStart(time, series.timeframe) + series.lengthMs <= series.finalBefore) {
        return true;
      }
    }
    return false;
  }

  add(t: PricedTrade): AddResult {
    // Refuse before touching anything, so a too-late trade changes no timeframe at all.
    if (this.isTooLate(t.trade)) return 'too-late';
    const state = this.state(t.trade.venue, t.trade.symbol);
    const time = t.trade.timeMs;
    const all = state.series;
    const quote = multiply(t.price, t.size);
    for (let i = 0; i < all.length; i++) {
      const series = all[i] as Series;
      let bar = series.current;
      if (bar === null || time < bar.openTimeMs || time >= bar.openTimeMs + series.lengthMs) {
        const open = bucketStart(time, series.timeframe);
        bar = series.bars.get(open) ?? null;
        if (bar === null) {
          bar = new CandleBuilder(t.trade.venue, t.trade.symbol, series.timeframe, open);
          // A late trade into an interval that had none: the bar is born closed.
          bar.closed = open < series.closedBefore;
          series.insert(bar);
          if (bar.closed) {
            bar.addTrade(t, quote);
            this.mark(bar, 'add');
            continue;
          }
        }
      }
      bar.addTrade(t, quote);
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
      // Past the lateness window a bar is final: forget it.
      const finalBefore = timeMs - this.options.latenessMs;
      if (finalBefore > series.finalBefore) series.finalBefore = finalBefore;
      while (
        series.head < series.closedCount &&
        (order[series.head] as CandleBuilder).openTimeMs + series.lengthMs <= finalBefore
      ) {
        const bar = order[series.head] as CandleBuilder;
        series.bars.delete(bar.openTimeMs);
        if (series.current === bar) series.current = null;
        series.head++;
      }
      // Bars leave from the front one at a time; drop the evicted prefix only now and then.
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
    if (this.dirty.length === 0) return [];
    const out: CandleUpdate[] = [];
    for (const bar of this.dirty) {
      const kind = bar.closed ? (bar.pending ?? 'replace') : 'replace';
      out.push({ kind, candle: bar.toCandle(bar.closed) });
      bar.pending = null;
    }
    this.dirty = [];
    out.sort((a, b) => a.candle.openTimeMs - b.candle.openTimeMs);
    return out;
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
