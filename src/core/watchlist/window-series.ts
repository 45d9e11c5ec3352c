import { timeframeMs } from '../candles/timeframe';
import type { ChangeWindow } from './change-window';

/** The part of a bar the watchlist needs; prices are the venue's exact text. */
export interface WindowBar {
  readonly openTimeMs: number;
  readonly open: string;
  readonly close: string;
}

export interface WindowSummary {
  /** Close text of the newest bar. */
  readonly last: string;
  /** last / reference − 1, in %. */
  readonly changePct: number;
  /**
   * True when the stored history does not reach back to the window's start: the change is then
   * measured from the open of the oldest bar held (`fromMs`).
   */
  readonly partial: boolean;
  /** Where the change is measured from. */
  readonly fromMs: number;
  /** Closes of the bars inside the window, oldest first (the sparkline). */
  readonly closes: readonly number[];
}

/**
 * One instrument's bars over a trailing change window. The reference price is the close of the
 * newest bar that ended at or before the window's start (the price as of then, at bar
 * resolution); without one, the open of the oldest bar inside the window.
 */
export class WindowSeries {
  private readonly bars = new Map<number, WindowBar>();
  private readonly barMs: number;

  constructor(readonly window: ChangeWindow) {
    this.barMs = timeframeMs(window.timeframe);
  }

  /** Where reads for this window start: one bar before it, for the reference close. */
  readFromMs(nowMs: number): number {
    return nowMs - this.window.ms - this.barMs;
  }

  /** Replaces everything with stored bars (any order). */
  load(bars: Iterable<WindowBar>): void {
    this.bars.clear();
    for (const b of bars) this.bars.set(b.openTimeMs, b);
  }

  /** A live add or replace of one bar. */
  upsert(bar: WindowBar): void {
    this.bars.set(bar.openTimeMs, bar);
  }

  has(openTimeMs: number): boolean {
    return this.bars.has(openTimeMs);
  }

  get size(): number {
    return this.bars.size;
  }

  /** Null while no bar is held. Drops bars no longer needed at `nowMs`. */
  summary(nowMs: number): WindowSummary | null {
    const startMs = nowMs - this.window.ms;
    const sorted = [...this.bars.values()].sort((a, b) => a.openTimeMs - b.openTimeMs);
    let reference: WindowBar | null = null;
    const inside: WindowBar[] = [];
    for (const bar of sorted) {
      if (bar.openTimeMs + this.barMs <= startMs) reference = bar;
      else inside.push(bar);
    }
    for (const bar of sorted) {
      if (bar.openTimeMs + this.barMs <= startMs && bar !== reference) this.bars.delete(bar.openTimeMs);
    }
    const newest = inside.at(-1) ?? reference;
    if (newest === null) return null;
    const partial = reference === null;
    const fromBar = reference ?? (inside[0] as WindowBar);
    const referencePrice = Number(partial ? fromBar.open : fromBar.close);
    const lastPrice = Number(newest.close);
    return {
      last: newest.close,
      changePct: referencePrice > 0 ? (lastPrice / referencePrice - 1) * 100 : 0,
      partial,
      fromMs: partial ? fromBar.openTimeMs : startMs,
      closes: inside.map((b) => Number(b.close)),
    };
  }
}
