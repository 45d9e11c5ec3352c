import type { AnalyticsFrame, PairFrame, PairRow, PairViewSpec } from '../../../core/analytics/analytics-view';
import { parseInstrumentKey, type InstrumentKey } from '../../../core/exchange/types';
import { demoSymbolFor } from '../../../core/instruments/symbols';
import { PAIR_LIMITS, PAIR_PANES, type LayoutPair } from '../../../core/layout/saved-layout';
import type { PairSummary } from '../../../core/stats/pair-summary';
import type { PairChart } from './pair-chart';
import { PairRows } from './pair-rows';

/** Seed 004's rule as the defaults: BTC vs ETH returns apart by more than 0.5 % within 60 bars. */
export const DEFAULT_PAIR: Omit<LayoutPair, 'a' | 'b'> = {
  window: 100,
  bandK: 2,
  divergencePct: 0.5,
  divergenceBars: 60,
};

/** Checks a pair form; returns the error to show next to it, or null. */
export function pairProblem(p: LayoutPair): string | null {
  if (parseInstrumentKey(p.a) === null || parseInstrumentKey(p.b) === null) return 'Pick two instruments.';
  if (p.a === p.b) return 'Pick two different instruments.';
  const names: Record<keyof typeof PAIR_LIMITS, string> = {
    window: 'Window',
    bandK: 'Band k',
    divergencePct: 'Divergence %',
    divergenceBars: 'Divergence bars',
  };
  for (const [field, [min, max]] of Object.entries(PAIR_LIMITS) as [
    keyof typeof PAIR_LIMITS,
    readonly [number, number],
  ][]) {
    const v = p[field];
    if (!Number.isFinite(v) || v < min || v > max) return `${names[field]} must be from ${min} to ${max}.`;
    if ((field === 'window' || field === 'divergenceBars') && !Number.isInteger(v)) {
      return `${names[field]} must be a whole number.`;
    }
  }
  return null;
}

/** Where a leg's bars are: itself, or its demo stand-in while the feed runs demo data. */
export function seriesKey(key: string, demo: boolean): InstrumentKey {
  if (!demo) return key as InstrumentKey;
  return `demo:${demoSymbolFor(key) ?? 'BTCUSDT'}`;
}

/**
 * The pair view's page state: the pair on screen (part of the layout), and what the worker's
 * analytics stage sends back for it. Rows go straight to the chart; only the legend (hovered or
 * newest bar) and the whole-window summary are reactive.
 */
export class PairViewState {
  pair = $state<LayoutPair | null>(null);
  summary = $state.raw<PairSummary | null>(null);
  summaryError = $state<string | null>(null);
  /** The bar the legend shows: hovered, else the newest. */
  legend = $state.raw<PairRow | null>(null);
  rowCount = $state(0);
  markerCount = $state(0);
  /** Leg a's tick decimals from its listing (the spread's price units); null while unknown. */
  spreadDecimals = $state<number | null>(null);
  private readonly rows = new PairRows();
  private chart: PairChart | null = null;
  private hoverMs: number | null = null;
  private viewId = 0;

  /** The worker now computes this view: pair frames of other views are stale. */
  acceptView(viewId: number): void {
    this.viewId = viewId;
  }

  /** The analytics of one batch; only its pair part, only for the view on screen. */
  applyFrame(frame: AnalyticsFrame): void {
    if (frame.viewId !== this.viewId || frame.pair === undefined || this.pair === null) return;
    this.apply(frame.pair);
  }

  /** The spec the analytics stage gets, legs mapped to the series the feed stores. */
  viewSpec(demo: boolean): PairViewSpec | undefined {
    const p = this.pair;
    if (p === null || pairProblem(p) !== null) return undefined;
    return {
      a: seriesKey(p.a, demo),
      b: seriesKey(p.b, demo),
      window: p.window,
      divergencePct: p.divergencePct,
      divergenceBars: p.divergenceBars,
    };
  }

  open(next: LayoutPair): void {
    const before = this.pair;
    // The form edits parameters only: pane heights stay as laid out unless the layout names them.
    const heights = next.paneHeights ?? before?.paneHeights;
    const pair = heights === undefined ? next : { ...next, paneHeights: [...heights] };
    this.pair = pair;
    if (heights !== undefined && heights !== before?.paneHeights) this.chart?.setPaneHeights(heights);
    if (
      before === null ||
      before.a !== pair.a ||
      before.b !== pair.b ||
      before.window !== pair.window ||
      before.divergencePct !== pair.divergencePct ||
      before.divergenceBars !== pair.divergenceBars
    ) {
      this.clear();
    }
    this.chart?.setBandK(pair.bandK);
  }

  close(): void {
    this.pair = null;
    this.clear();
  }

  attach(chart: PairChart | null): void {
    this.chart = chart;
    if (chart === null) return;
    if (this.pair !== null) chart.setBandK(this.pair.bandK);
    if (this.pair?.paneHeights !== undefined) chart.setPaneHeights(this.pair.paneHeights);
    chart.show(this.rows.rows, 0);
    chart.fitRecent(this.rows.rows.length);
  }

  /** The user dragged a pane separator: the heights become part of the layout. */
  panesResized(heights: readonly number[]): void {
    const pair = this.pair;
    if (pair === null || heights.length !== PAIR_PANES) return;
    const old = pair.paneHeights;
    if (old !== undefined && heights.every((h, i) => Math.abs(h - (old[i] ?? 0)) < 2)) return;
    this.pair = { ...pair, paneHeights: heights.map((h) => Math.round(h)) };
  }

  hover(openTimeMs: number | null): void {
    this.hoverMs = openTimeMs;
    this.legend = (openTimeMs === null ? null : this.rows.at(openTimeMs)) ?? this.rows.latest;
  }

  apply(frame: PairFrame): void {
    const { changedFrom } = this.rows.apply(frame);
    this.summary = frame.summary;
    this.summaryError = frame.summaryError ?? null;
    this.rowCount = this.rows.rows.length;
    if (this.chart !== null) {
      this.chart.show(this.rows.rows, changedFrom);
      if (frame.reset) this.chart.fitRecent(this.rows.rows.length);
      this.markerCount = this.chart.markerCount;
    }
    if (this.hoverMs === null) this.legend = this.rows.latest;
  }

  private clear(): void {
    this.rows.clear();
    this.summary = null;
    this.summaryError = null;
    this.legend = null;
    this.rowCount = 0;
    this.markerCount = 0;
    this.chart?.show([], 0);
  }
}
