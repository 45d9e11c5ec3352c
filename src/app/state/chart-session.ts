import type { AnalyticsFrame, IndicatorFrame, IndicatorRow, ReviewWindow } from '../../core/analytics/analytics-view';
import { timeframeMs } from '../../core/candles/timeframe';
import type { Candle } from '../../core/candles/candle';
import type { TimeframeId } from '../../core/candles/timeframe';
import type { FeedBatch } from '../../core/feed/feed-controller';
import { findIndicator } from '../../core/indicators/catalog';
import type { CandleChart } from '../features/chart/candle-chart';
import type { ChartOverlay } from '../features/chart/chart-overlay';
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

/** Older bars read per step when scrolling back; the chart keeps at most `MAX_CHART_BARS`. */
export const SCROLL_PAGE_BARS = 2_000;
/**
 * Twice the most bars a chart can show at once (lightweight-charts' 0.5 px minimum bar spacing on
 * a 2,560 px screen: 5,120): each page rebuilds the series' data, whose cost grows with what is
 * held (`setData` is most of a page's time), so holding more only slows scrolling.
 */
export const MAX_CHART_BARS = 10_000;
/** Bars after the time a review opens at, so it is not pinned to the right edge. */
const REVIEW_AFTER_BARS = 500;

/** The span of bars the chart holds, for overlays that read stored rows of their own for it. */
export interface HeldRange {
  readonly venue: string;
  readonly symbol: string;
  readonly timeframe: TimeframeId;
  readonly fromMs: number;
  /** The newest bar held in review; null when the chart follows the live edge. */
  readonly toMs: number | null;
}

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
  /** Overlays that are not indicators (anomaly markers, the score pane): their owners set their rows. */
  private readonly pinned = new Map<string, ChartOverlay>();
  private readonly recent = new RecentBars();
  /** Tick sizes from the listings, by "venue|symbol". */
  private readonly ticks = new Map<string, string | undefined>();

  /** Reviewing stored history (opened at a time, or scrolled past the live edge): null when live. */
  private reviewing: ReviewWindow | null = null;
  private pageLoading = false;
  /** The moment a review was opened at (kept across timeframe switches). */
  private reviewAtMs: number | null = null;
  /** The oldest stored bar has been reached for the series on screen. */
  private atOldest = false;
  /** Told when the chart enters or leaves review (the worker then computes that window). */
  onReview: (review: ReviewWindow | null) => void = () => undefined;
  private readonly heldListeners = new Set<(range: HeldRange) => void>();

  constructor(private readonly history: ChartHistory) {}

  get review(): ReviewWindow | null {
    return this.reviewing;
  }

  attach(chart: CandleChart): void {
    this.chart = chart;
    for (const o of this.pinned.values()) chart.addOverlay(o);
    // Range reads as the visible range moves: older pages load as the user scrolls back.
    chart.onNearOldest(() => void this.loadOlder());
    this.syncOverlays();
    this.reload();
  }

  /** Shows a series; history loads only when it changed. */
  show(series: ChartSeries, timeframe: TimeframeId): void {
    const sameSeries = this.series?.venue === series.venue && this.series.symbol === series.symbol;
    this.series = series;
    this.timeframe = timeframe;
    if (seriesKey(series, timeframe) === this.shown) return;
    // Another timeframe of the series under review: the same moment, recomputed from stored bars.
    if (sameSeries && this.reviewing !== null && this.reviewAtMs !== null)
      void this.showAt(series, timeframe, this.reviewAtMs);
    else this.reload();
  }

  /** Loads history again (an import landed). */
  reload(): void {
    if (this.chart === null || this.series === null) return;
    this.shown = seriesKey(this.series, this.timeframe);
    this.setReview(null);
    void this.load(this.series, this.timeframe);
  }

  /** Opens stored history of a series at a time (UTC ms): the bars up to it and a few after. */
  async showAt(series: ChartSeries, timeframe: TimeframeId, atMs: number): Promise<void> {
    const chart = this.chart;
    if (chart === null) return;
    this.series = series;
    this.timeframe = timeframe;
    this.shown = seriesKey(series, timeframe);
    this.reviewAtMs = atMs;
    const token = ++this.loadToken;
    this.loading = true;
    const endMs = atMs + REVIEW_AFTER_BARS * timeframeMs(timeframe);
    const bars = await this.history.bars(series, timeframe, 5_000, endMs);
    if (token !== this.loadToken) return;
    this.atOldest = false;
    chart.setTimeframe(timeframe);
    chart.setHistory(bars);
    this.loading = false;
    chart.showTime(atMs);
    this.setReview(this.windowOf(chart));
    this.heldChanged();
    const gaps = await this.history.gaps(series);
    if (token === this.loadToken) chart.setGaps(gaps);
  }

  /** Leaves review: the newest bars and live updates again. */
  backToLive(): void {
    this.reload();
  }

  /** The next older page, prepended; past the cap the newest bars go and the chart is in review. */
  private async loadOlder(): Promise<void> {
    const chart = this.chart;
    const series = this.series;
    if (chart === null || series === null || this.loading || this.pageLoading || this.atOldest) return;
    const oldest = chart.oldestTimeMs();
    if (oldest === null) return;
    this.pageLoading = true;
    const token = this.loadToken;
    try {
      const older = await this.history.bars(series, this.timeframe, SCROLL_PAGE_BARS, oldest - 1);
      if (token !== this.loadToken) return;
      if (older.length === 0) {
        this.atOldest = true;
        return;
      }
      const dropped = chart.prependHistory(older, MAX_CHART_BARS);
      // Indicators follow the bars on screen: a review window recomputed over what is held now.
      if (dropped > 0 || this.reviewing !== null) this.setReview(this.windowOf(chart));
      this.heldChanged();
    } finally {
      this.pageLoading = false;
    }
  }

  private windowOf(chart: CandleChart): ReviewWindow | null {
    const endMs = chart.newestTimeMs();
    return endMs === null ? null : { endMs, bars: chart.barCount() };
  }

  private setReview(review: ReviewWindow | null): void {
    const same =
      review === this.reviewing ||
      (review !== null &&
        this.reviewing !== null &&
        review.endMs === this.reviewing.endMs &&
        review.bars === this.reviewing.bars);
    this.reviewing = review;
    if (!same) this.onReview(review);
  }

  /** Called whenever the bars held change: a series shown, a review opened, an older page read. */
  onHeldRange(listener: (range: HeldRange) => void): () => void {
    this.heldListeners.add(listener);
    return () => this.heldListeners.delete(listener);
  }

  private heldChanged(): void {
    const chart = this.chart;
    const series = this.series;
    const fromMs = chart?.oldestTimeMs() ?? null;
    if (chart === null || series === null || fromMs === null) return;
    const range: HeldRange = {
      venue: series.venue,
      symbol: series.symbol,
      timeframe: this.timeframe,
      fromMs,
      toMs: this.reviewing === null ? null : chart.newestTimeMs(),
    };
    for (const listener of this.heldListeners) listener(range);
  }

  isShowing(venue: string, symbol: string): boolean {
    return this.series?.venue === venue && this.series.symbol === symbol;
  }

  /** The worker now computes this view: frames with another id are stale. */
  acceptView(viewId: number): void {
    this.viewId = viewId;
  }

  /** Keeps an overlay on the chart whatever the indicators (drawn after them). */
  pin(overlay: ChartOverlay): void {
    if (this.pinned.has(overlay.id)) return;
    this.pinned.set(overlay.id, overlay);
    this.chart?.addOverlay(overlay);
  }

  /** A pinned overlay's rows changed: the legends follow. */
  overlaysChanged(): void {
    this.chart?.overlaysChanged();
  }

  unpin(id: string): void {
    if (this.pinned.delete(id)) this.chart?.removeOverlay(id);
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
    const applied = mine.length > 0 && !this.loading && this.chart !== null && this.reviewing === null;
    // Reviewing: live bars are stored by the worker; the chart shows them again back at the live edge.
    if (mine.length > 0 && this.reviewing === null) {
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
    this.heldChanged();
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
    // Only indicator overlays come and go with the list; pinned ones (anomaly markers, the news
    // sentiment pane) stay.
    for (const id of chart.overlayIds()) {
      if (!wanted.has(id) && !this.pinned.has(id) && chart.overlay(id) instanceof IndicatorOverlay)
        chart.removeOverlay(id);
    }
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
