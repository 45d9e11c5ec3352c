import type { AnalyticsFrame, IndicatorFrame, IndicatorRow } from '../../core/analytics/analytics-view';
import type { Candle } from '../../core/candles/candle';
import type { TimeframeId } from '../../core/candles/timeframe';
import type { FeedBatch } from '../../core/feed/feed-controller';
import { findIndicator } from '../../core/indicators/registry';
import type { CandleChart } from '../features/chart/candle-chart';
import type { ChartHistory, ChartSeries } from '../features/chart/chart-history';
import { lookOf } from '../features/indicators/indicator-look';
import type { IndicatorOnChart } from '../features/indicators/indicator-list';
import { IndicatorOverlay } from '../features/indicators/indicator-overlay';
import { RecentBars, recentKey as seriesKey } from '../features/chart/recent-bars';

/**
 * How long a switch waits for stored bars before drawing what this page already has (the
 * store may be busy with the feed's writes); what storage adds is drawn when it answers.
 */
const STORED_WAIT_MS = 100;

/**
 * Keeps the chart showing one series: loads its stored history, applies live bars (queued while
 * history loads), and draws the indicator values the worker sends for the current view.
 */
export class ChartSession {
  private chart: CandleChart | null = null;
  private series: ChartSeries | null = null;
  private timeframe: TimeframeId = '1m';
  private shown = '';
  private loadToken = 0;
  private loading = true;
  private indicators: readonly IndicatorOnChart[] = [];
  /** Analytics frames of older views are dropped. */
  private viewId = 0;
  private readonly recent = new RecentBars();
  /** Tick sizes from the listings, by "venue|symbol". */
  private readonly ticks = new Map<string, string | undefined>();

  constructor(private readonly history: ChartHistory) {}

  attach(chart: CandleChart): void {
    this.chart = chart;
    this.syncOverlays();
    this.reload();
  }

  /** Shows a series; history loads only when it changed. */
  show(series: ChartSeries, timeframe: TimeframeId): void {
    this.series = series;
    this.timeframe = timeframe;
    if (seriesKey(series, timeframe) !== this.shown) this.reload();
  }

  /** Loads history again (an import landed). */
  reload(): void {
    if (this.chart === null || this.series === null) return;
    this.shown = seriesKey(this.series, this.timeframe);
    void this.load(this.series, this.timeframe);
  }

  isShowing(venue: string, symbol: string): boolean {
    return this.series?.venue === venue && this.series.symbol === symbol;
  }

  /** The worker now computes this view: frames with another id are stale. */
  acceptView(viewId: number): void {
    this.viewId = viewId;
  }

  setIndicators(list: readonly IndicatorOnChart[]): void {
    this.indicators = list;
    this.syncOverlays();
  }

  /** An instrument's tick size (from its listing): its prices show at that precision. */
  setTick(series: ChartSeries, tick: string | undefined): void {
    this.ticks.set(`${series.venue}|${series.symbol}`, tick);
    if (this.isShowing(series.venue, series.symbol)) this.chart?.setTick(tick);
  }

  themeChanged(): void {
    this.chart?.themeChanged();
  }

  onBatch(batch: FeedBatch): void {
    const series = this.series;
    if (series === null) return;
    const mine: Candle[] = [];
    for (const u of batch.updates) {
      const c = u.candle;
      this.recent.add(c);
      if (c.venue === series.venue && c.symbol === series.symbol && c.timeframe === this.timeframe) mine.push(c);
    }
    // One legend per batch: candles and indicator rows land together.
    const analytics = batch.analytics;
    const applied = mine.length > 0 && !this.loading && this.chart !== null;
    if (mine.length > 0) {
      // While history loads, updates wait in `recent` and are drawn with it.
      if (!this.loading) this.chart?.apply(mine, { legend: analytics === undefined });
    }
    if (analytics !== undefined && !this.applyAnalytics([analytics]) && applied) this.chart?.overlaysChanged();
  }

  /** Draws indicator rows of the current view; whether any overlay changed (the legend was emitted). */
  applyAnalytics(frames: readonly AnalyticsFrame[]): boolean {
    const chart = this.chart;
    if (chart === null) return false;
    let changed = false;
    for (const frame of frames) {
      if (frame.viewId !== this.viewId) continue;
      for (const f of frame.indicators) {
        const overlay = chart.overlay(f.instanceId);
        if (!(overlay instanceof IndicatorOverlay)) continue;
        const rows = remapColumns(f, overlay.instance.name);
        if (f.reset) overlay.setHistory(rows);
        else overlay.apply(rows);
        changed = true;
      }
    }
    if (changed) chart.overlaysChanged();
    return changed;
  }

  private async load(series: ChartSeries, timeframe: TimeframeId): Promise<void> {
    const token = ++this.loadToken;
    // Updates that arrive meanwhile wait in `recent` and are drawn with the history.
    this.loading = true;
    const key = seriesKey(series, timeframe);
    const stored = this.history.bars(series, timeframe);
    const answer = await Promise.race([stored, new Promise<null>((r) => setTimeout(() => r(null), STORED_WAIT_MS))]);
    const early = answer === null && this.recent.has(key);
    if (early) {
      if (token !== this.loadToken) return;
      this.draw(key, timeframe, []);
      this.chart?.markShown(key);
    }
    const bars = await stored;
    const chart = this.chart;
    if (token !== this.loadToken || chart === null) return;
    // Storage can only add bars this page has not seen (older ones): redraw only then.
    if (!early || this.recent.lacksAny(key, bars)) this.draw(key, timeframe, bars);
    if (!early) chart.markShown(key);
    // Holes the feed could not backfill are shown on the chart, not hidden.
    const gaps = await this.history.gaps(series);
    if (token === this.loadToken) chart.setGaps(gaps);
  }

  /** Draws stored bars with this page's newer ones over them. */
  private draw(key: string, timeframe: TimeframeId, stored: readonly Candle[]): void {
    const chart = this.chart;
    if (chart === null) return;
    const bars = this.recent.over(key, stored);
    const series = this.series;
    if (series !== null) chart.setTick(this.ticks.get(`${series.venue}|${series.symbol}`));
    chart.setTimeframe(timeframe);
    chart.setHistory(bars);
    // Updates that came while loading are in `recent` already, so in `bars`.
    this.loading = false;
    chart.fitRecent();
  }

  /** Brings the chart's overlays in line with the list: added, removed, restyled, reordered. */
  private syncOverlays(): void {
    const chart = this.chart;
    if (chart === null) return;
    const wanted = new Map(this.indicators.map((x) => [x.id, x]));
    for (const x of this.indicators) {
      const current = chart.overlay(x.id);
      const old = current instanceof IndicatorOverlay ? current.instance : null;
      if (old !== null && old.color === x.color && old.height === x.height && sameParams(old, x)) continue;
      const definition = findIndicator(x.name);
      if (definition === undefined) continue;
      const overlay = new IndicatorOverlay(x, definition, lookOf(definition));
      // A new colour or height keeps the values; new parameters wait for the worker's rebuild.
      if (current instanceof IndicatorOverlay && sameParams(old, x)) overlay.setHistory(current.rows());
      if (current !== undefined) chart.removeOverlay(x.id);
      chart.addOverlay(overlay);
    }
    for (const id of chart.overlayIds()) if (!wanted.has(id)) chart.removeOverlay(id);
    chart.orderOverlays(this.indicators.map((x) => x.id));
  }
}

function sameParams(a: IndicatorOnChart | null, b: IndicatorOnChart): boolean {
  return a !== null && a.params.length === b.params.length && a.params.every((p, i) => p === b.params[i]);
}

/**
 * Rows in the registry's output order. Columns come in that order (main output first), named
 * either by output (`signal`) or by column id (`macd_12_26_9_signal`); anything else is mapped
 * by name where it can be.
 */
function remapColumns(frame: IndicatorFrame, name: string): readonly IndicatorRow[] {
  const outputs = findIndicator(name)?.outputs ?? frame.columns;
  if (outputs.length === frame.columns.length) return frame.rows;
  const index = outputs.map((o) => frame.columns.findIndex((c) => c === o || c.endsWith(`_${o}`)));
  return frame.rows.map((r) => ({
    openTimeMs: r.openTimeMs,
    values: index.map((i) => (i < 0 ? null : (r.values[i] ?? null))),
  }));
}
