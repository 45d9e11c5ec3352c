import {
  ColorType,
  createChart,
  createSeriesMarkers,
  LineSeries,
  LineStyle,
  PriceScaleMode,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type LineData,
  type MouseEventParams,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
  type WhitespaceData,
} from 'lightweight-charts';
import type { PairRow } from '../../../core/analytics/analytics-view';

/** Colours the pair chart draws with; the page reads them from the theme's CSS variables. */
export interface PairChartColors {
  readonly background: string;
  readonly text: string;
  readonly grid: string;
  readonly border: string;
  readonly legA: string;
  readonly legB: string;
  readonly spread: string;
  readonly zscore: string;
  readonly band: string;
  readonly correlation: string;
  readonly divergence: string;
}

/** Panes from top to bottom. */
export const PAIR_PANES = ['prices', 'spread', 'zscore', 'correlation'] as const;
export type PairPaneId = (typeof PAIR_PANES)[number];

type Point = LineData<UTCTimestamp> | WhitespaceData<UTCTimestamp>;
const toTime = (ms: number): UTCTimestamp => (ms / 1000) as UTCTimestamp;
const point = (ms: number, value: number | null): Point =>
  value === null || !Number.isFinite(value) ? { time: toTime(ms) } : { time: toTime(ms), value };

/**
 * The pair view on one lightweight-charts chart with four panes: both legs' closes indexed to
 * 100 at the first visible bar (one price scale in `IndexedTo100` mode), the spread, its z-score
 * with ±k bands, and the rolling return correlation. Divergence bars are marked on leg a.
 * Imperative: rows stream in at frame rate and never go through reactive state.
 */
export class PairChart {
  private readonly chart: IChartApi;
  private readonly legA: ISeriesApi<'Line'>;
  private readonly legB: ISeriesApi<'Line'>;
  private readonly spread: ISeriesApi<'Line'>;
  private readonly zscore: ISeriesApi<'Line'>;
  private readonly correlation: ISeriesApi<'Line'>;
  private readonly markers: ISeriesMarkersPluginApi<Time>;
  private divergences: SeriesMarker<UTCTimestamp>[] = [];
  private bands: IPriceLine[] = [];
  private bandK = 2;
  private colors: PairChartColors;

  constructor(
    container: HTMLElement,
    colors: PairChartColors,
    private readonly onHover: (openTimeMs: number | null) => void,
  ) {
    this.colors = colors;
    this.chart = createChart(container, {
      autoSize: true,
      layout: { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', attributionLogo: true },
      timeScale: { timeVisible: true, secondsVisible: true, rightOffset: 4 },
      crosshair: { mode: 0 },
    });
    const line = (color: string, pane: number, title: string) =>
      this.chart.addSeries(LineSeries, { color, lineWidth: 2, title, priceLineVisible: false }, pane);
    this.legA = line(colors.legA, 0, 'a');
    this.legB = line(colors.legB, 0, 'b');
    this.spread = line(colors.spread, 1, 'spread');
    this.zscore = line(colors.zscore, 2, 'z');
    this.correlation = line(colors.correlation, 3, 'corr');
    this.correlation.applyOptions({ autoscaleInfoProvider: () => ({ priceRange: { minValue: -1, maxValue: 1 } }) });
    // Per pane: only the legs are indexed to 100; the statistics keep their own units.
    // Set once every pane exists: a pane created later copies the chart's default scale options.
    PAIR_PANES.forEach((_, pane) =>
      this.chart
        .priceScale('right', pane)
        .applyOptions({ mode: pane === 0 ? PriceScaleMode.IndexedTo100 : PriceScaleMode.Normal }),
    );
    this.markers = createSeriesMarkers(this.legA, []);
    this.chart.subscribeCrosshairMove((p) => this.hover(p));
    this.applyColors(colors);
    this.setBandK(2);
  }

  applyColors(colors: PairChartColors): void {
    this.colors = colors;
    this.chart.applyOptions({
      layout: { background: { type: ColorType.Solid, color: colors.background }, textColor: colors.text },
      grid: { vertLines: { color: colors.grid }, horzLines: { color: colors.grid } },
      rightPriceScale: { borderColor: colors.border },
      timeScale: { borderColor: colors.border },
    });
    this.legA.applyOptions({ color: colors.legA });
    this.legB.applyOptions({ color: colors.legB });
    this.spread.applyOptions({ color: colors.spread });
    this.zscore.applyOptions({ color: colors.zscore });
    this.correlation.applyOptions({ color: colors.correlation });
    this.setBandK(this.bandK);
    this.divergences = this.divergences.map((m) => ({ ...m, color: colors.divergence }));
    this.markers.setMarkers(this.divergences);
  }

  /** Second-level bars need seconds on the time axis. */
  setSecondsVisible(visible: boolean): void {
    this.chart.applyOptions({ timeScale: { secondsVisible: visible } });
  }

  /** Lines at ±k (and 0) on the z-score pane. */
  setBandK(k: number): void {
    this.bandK = k;
    for (const line of this.bands) this.zscore.removePriceLine(line);
    this.bands = [k, 0, -k].map((price) =>
      this.zscore.createPriceLine({
        price,
        color: this.colors.band,
        lineStyle: price === 0 ? LineStyle.Dotted : LineStyle.Dashed,
        lineWidth: 1,
        axisLabelVisible: price !== 0,
        title: price === 0 ? '' : `${price > 0 ? '+' : '−'}${k}σ`,
      }),
    );
  }

  /** Pane heights as proportions (stretch factors): they keep their shares when the chart resizes. */
  setPaneHeights(heights: readonly number[]): void {
    const panes = this.chart.panes();
    heights.forEach((h, i) => panes[i]?.setStretchFactor(h));
  }

  paneHeights(): number[] {
    return this.chart.panes().map((p) => p.getHeight());
  }

  /** Redraws from row `from` on (0: everything). */
  show(rows: readonly PairRow[], from: number): void {
    if (from === 0) {
      this.legA.setData(rows.map((r) => point(r.openTimeMs, r.a)));
      this.legB.setData(rows.map((r) => point(r.openTimeMs, r.b)));
      this.spread.setData(rows.map((r) => point(r.openTimeMs, r.spread)));
      this.zscore.setData(rows.map((r) => point(r.openTimeMs, r.zscore)));
      this.correlation.setData(rows.map((r) => point(r.openTimeMs, r.correlation)));
      this.divergences = [];
    } else {
      for (let i = from; i < rows.length; i++) {
        const r = rows[i] as PairRow;
        this.legA.update(point(r.openTimeMs, r.a));
        this.legB.update(point(r.openTimeMs, r.b));
        this.spread.update(point(r.openTimeMs, r.spread));
        this.zscore.update(point(r.openTimeMs, r.zscore));
        this.correlation.update(point(r.openTimeMs, r.correlation));
      }
    }
    let marked = false;
    for (let i = from; i < rows.length; i++) {
      const r = rows[i] as PairRow;
      if (r.divergencePct === null) continue;
      const t = toTime(r.openTimeMs);
      if (this.divergences.at(-1)?.time === t) continue;
      marked = true;
      this.divergences.push({
        time: t,
        position: r.divergencePct > 0 ? 'aboveBar' : 'belowBar',
        shape: r.divergencePct > 0 ? 'arrowDown' : 'arrowUp',
        color: this.colors.divergence,
        // No text: dense excursions would print over each other; the legend reads the value.
      });
    }
    if (marked || from === 0) this.markers.setMarkers(this.divergences);
  }

  /** Divergence markers shown (for the page's count and tests). */
  get markerCount(): number {
    return this.divergences.length;
  }

  fitRecent(points: number, bars = 200): void {
    if (points === 0) return;
    this.chart.timeScale().setVisibleLogicalRange({ from: points - Math.max(bars, 60), to: points + 4 });
  }

  destroy(): void {
    this.chart.remove();
  }

  private hover(p: MouseEventParams): void {
    this.onHover(p.time === undefined ? null : (p.time as number) * 1000);
  }
}
