import { multiply } from '../decimal/decimal';
import type { PricedTrade } from '../exchange/validate';
import { instrumentKey, type InstrumentKey, type VenueId } from '../exchange/types';
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

/** Bars of one instrument and timeframe that can still change. */
class Series {
  /** Open bars by open time: the forming one plus closed ones inside the lateness window. */
  readonly bars = new Map<number, CandleBuilder>();
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
}

interface InstrumentState {
  readonly series: Series[];
  /** Newest trade time seen; closes bars even when the wall clock is not driving. */
  watermarkMs: number;
}

export type AddResult = 'ok' | 'too-late';

/**
 * Turns validated trades into bars on several timeframes at once. Updates are collected, not
 * emitted per trade: `drain()` returns at most one update per bar since the last drain, so a
 * caller that drains once per animation frame sends the page a coalesced batch.
 */
export class CandleAggregator {
  private readonly instruments = new Map<InstrumentKey, InstrumentState>();
  /** Bars changed since the last drain; value says whether the change closed the bar. */
  private readonly dirty = new Map<CandleBuilder, 'add' | 'replace'>();
  private readonly closedSince = new Set<CandleBuilder>();

  constructor(private readonly options: AggregatorOptions) {}

  get timeframes(): readonly TimeframeId[] {
    return this.options.timeframes;
  }

  private state(venue: VenueId, symbol: string): InstrumentState {
    const key = instrumentKey(venue, symbol);
    let state = this.instruments.get(key);
    if (state === undefined) {
      state = {
        series: this.options.timeframes.map((tf) => new Series(tf, timeframeMs(tf))),
        watermarkMs: -Infinity,
      };
      this.instruments.set(key, state);
    }
    return state;
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
      series.bars.set(candle.openTimeMs, builder);
      if (series.current === null || candle.openTimeMs > series.current.openTimeMs) series.current = builder;
      if (candle.closed) {
        this.closedSince.add(builder);
        series.closedBefore = Math.max(series.closedBefore, candle.openTimeMs + series.lengthMs);
      }
    }
  }

  add(t: PricedTrade): AddResult {
    const state = this.state(t.trade.venue, t.trade.symbol);
    const time = t.trade.timeMs;
    // Refuse before touching anything, so a too-late trade changes no timeframe at all.
    for (const series of state.series) {
      if (bucketStart(time, series.timeframe) + series.lengthMs <= series.finalBefore) return 'too-late';
    }
    const quote = multiply(t.price, t.size);
    for (const series of state.series) {
      let bar = series.current;
      if (bar === null || time < bar.openTimeMs || time >= bar.openTimeMs + series.lengthMs) {
        const open = bucketStart(time, series.timeframe);
        bar = series.bars.get(open) ?? null;
        if (bar === null) {
          bar = new CandleBuilder(t.trade.venue, t.trade.symbol, series.timeframe, open);
          series.bars.set(open, bar);
          if (open < series.closedBefore) {
            // A late trade into an interval that had none: the bar is born closed.
            this.closedSince.add(bar);
            this.dirty.set(bar, 'add');
          }
        }
        if (series.current === null || open > series.current.openTimeMs) series.current = bar;
      }
      bar.addTrade(t, quote);
      if (!this.dirty.has(bar)) this.dirty.set(bar, 'replace');
    }
    if (time > state.watermarkMs) {
      state.watermarkMs = time;
      this.closeUpTo(state, time);
    }
    return 'ok';
  }

  /**
   * Closes every bar that ends at or before `timeMs`, for every instrument. The feed calls this
   * from a wall-clock timer (minus a small grace for network delay), so bars close on time
   * when no trade arrives.
   */
  advanceTo(timeMs: number): void {
    for (const state of this.instruments.values()) this.closeUpTo(state, timeMs);
  }

  private closeUpTo(state: InstrumentState, timeMs: number): void {
    for (const series of state.series) {
      const limit = bucketStart(timeMs, series.timeframe);
      if (limit <= series.closedBefore) continue;
      const finalBefore = timeMs - this.options.latenessMs;
      for (const [open, bar] of series.bars) {
        if (open < limit && !this.closedSince.has(bar)) {
          this.closedSince.add(bar);
          if (bar.tradeCount > 0) this.dirty.set(bar, 'add');
        }
        // Past the lateness window the bar is final: forget it.
        if (open + series.lengthMs <= finalBefore) {
          series.bars.delete(open);
          this.closedSince.delete(bar);
          if (series.current === bar) series.current = null;
        }
      }
      series.closedBefore = limit;
      series.finalBefore = Math.max(series.finalBefore, finalBefore);
    }
  }

  /** Updates since the last call, oldest bar first within each series. */
  drain(): CandleUpdate[] {
    if (this.dirty.size === 0) return [];
    const out: CandleUpdate[] = [];
    for (const [bar, kind] of this.dirty) {
      const closed = this.closedSince.has(bar);
      out.push({ kind: closed ? kind : 'replace', candle: bar.toCandle(closed) });
    }
    this.dirty.clear();
    out.sort((a, b) => a.candle.openTimeMs - b.candle.openTimeMs);
    return out;
  }

  /** Closes everything (end of a file or replay) and returns the final updates. */
  finish(): CandleUpdate[] {
    for (const state of this.instruments.values()) {
      for (const series of state.series) {
        for (const bar of series.bars.values()) {
          if (!this.closedSince.has(bar)) {
            this.closedSince.add(bar);
            if (bar.tradeCount > 0) this.dirty.set(bar, 'add');
          }
        }
      }
    }
    return this.drain();
  }
}
