import {
  createSeriesMarkers,
  type ISeriesMarkersPluginApi,
  type Logical,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { ScoreRow } from '../../../core/models/scoring/score-row';
import { severityOf } from '../../../core/models/scoring/severity';
import { toTime, type ChartOverlay, type LegendGroup, type OverlayHost } from '../chart/chart-overlay';
import { scoreText, severityColor } from './anomaly-format';

/** Where a marker is on screen (px in the chart's element), for the hover/tap layer. */
export interface MarkerSpot {
  readonly row: ScoreRow;
  readonly x: number;
  readonly y: number;
  /** Hit-target width: no wider than a bar, so markers on neighbouring bars never cover each other. */
  readonly width: number;
}

/** The widest hit target (px): a comfortable tap when bars are far apart. */
const MAX_SPOT_WIDTH = 22;
/** The narrowest, when the chart is zoomed far out. */
const MIN_SPOT_WIDTH = 4;

/** Most markers kept on screen for hover and tap (the newest). */
const MAX_SPOTS = 40;

/**
 * Anomaly markers on the candles (lightweight-charts `createSeriesMarkers`), coloured by
 * severity, for the bars whose score reaches the threshold; the forming bar's preview comes and
 * goes as it is replaced. The legend explains the hovered bar's anomaly; `onSpots` gets the
 * markers' screen positions whenever they move, for the layer that shows explanations on tap
 * and keyboard focus.
 */
export class AnomalyMarkersOverlay implements ChartOverlay<ScoreRow> {
  readonly id = 'anomaly-markers';
  readonly placement = 'overlay' as const;
  readonly paneHeight = 0;
  private readonly byTime = new Map<number, ScoreRow>();
  private host: OverlayHost | null = null;
  private plugin: ISeriesMarkersPluginApi<Time> | null = null;
  private frame = 0;
  /** A bar to bring into view once the chart has it (the recent list's choice). */
  private revealMs: number | null = null;
  private readonly moved = () => this.scheduleSpots();

  constructor(private readonly onSpots: (spots: readonly MarkerSpot[]) => void) {}

  attach(host: OverlayHost): void {
    this.host = host;
    this.plugin = createSeriesMarkers(host.priceSeries, this.markers());
    host.chart.timeScale().subscribeVisibleLogicalRangeChange(this.moved);
    host.chart.timeScale().subscribeSizeChange(this.moved);
    this.scheduleSpots();
  }

  setHistory(rows: readonly ScoreRow[]): void {
    this.byTime.clear();
    this.apply(rows);
  }

  apply(rows: readonly ScoreRow[]): void {
    let changed = false;
    for (const r of rows) {
      const had = this.byTime.has(r.openTimeMs);
      if (severityOf(r.score) !== null) this.byTime.set(r.openTimeMs, r);
      else if (had) this.byTime.delete(r.openTimeMs);
      else continue;
      changed = true;
    }
    if (!changed) return;
    this.plugin?.setMarkers(this.markers());
    this.scheduleSpots();
  }

  /** Anomalies on this chart, oldest first. */
  rows(): ScoreRow[] {
    return [...this.byTime.values()].sort((a, b) => a.openTimeMs - b.openTimeMs);
  }

  detach(): void {
    const host = this.host;
    if (host !== null) {
      host.chart.timeScale().unsubscribeVisibleLogicalRangeChange(this.moved);
      host.chart.timeScale().unsubscribeSizeChange(this.moved);
    }
    this.plugin?.detach();
    this.plugin = null;
    this.host = null;
    cancelAnimationFrame(this.frame);
  }

  legend(timeMs: number | null): LegendGroup | null {
    const row = timeMs === null ? undefined : this.byTime.get(timeMs);
    const severity = row === undefined ? null : severityOf(row.score);
    if (row === undefined || severity === null || this.host === null) return null;
    return {
      id: this.id,
      label: 'Anomaly',
      values: [
        {
          name: row.reason,
          value: row.score,
          text: `${scoreText(row.score)} — ${row.reason}`,
          color: severityColor(this.host.palette, severity),
        },
      ],
    };
  }

  /** Scrolls the chart so the bar at `timeMs` is in view (now, or once its bars are loaded). */
  reveal(timeMs: number): void {
    this.revealMs = timeMs;
    this.scheduleSpots();
  }

  private tryReveal(): void {
    const host = this.host;
    if (host === null || this.revealMs === null) return;
    const scale = host.chart.timeScale();
    const index = scale.timeToIndex(toTime(this.revealMs), false);
    if (index === null) return;
    this.revealMs = null;
    const range = scale.getVisibleLogicalRange();
    const span = range === null ? 60 : Math.max(20, range.to - range.from);
    // The anomaly about two thirds across, so what followed it is in view too.
    scale.setVisibleLogicalRange({ from: index - span * 0.65, to: index + span * 0.35 });
  }

  private markers(): SeriesMarker<Time>[] {
    const palette = this.host?.palette;
    if (palette === undefined) return [];
    return this.rows().map((r) => ({
      time: toTime(r.openTimeMs) as UTCTimestamp,
      position: 'aboveBar',
      shape: 'arrowDown',
      color: severityColor(palette, severityOf(r.score) ?? 'low'),
      size: severityOf(r.score) === 'high' ? 2 : 1,
    }));
  }

  private scheduleSpots(): void {
    cancelAnimationFrame(this.frame);
    // After the chart's own redraw, so coordinates are current.
    this.frame = requestAnimationFrame(() => {
      this.tryReveal();
      this.onSpots(this.spots());
    });
  }

  private spots(): MarkerSpot[] {
    const host = this.host;
    if (host === null) return [];
    const scale = host.chart.timeScale();
    const width = scale.width();
    const spotWidth = this.spotWidth();
    const out: MarkerSpot[] = [];
    for (const row of this.rows().reverse()) {
      const time = toTime(row.openTimeMs);
      const x = scale.timeToCoordinate(time);
      if (x === null || x < 0 || x > width) continue;
      const index = scale.timeToIndex(time, false);
      const bar = index === null ? null : host.priceSeries.dataByIndex(index);
      const high = bar !== null && 'high' in bar && typeof bar.high === 'number' ? bar.high : null;
      const y = high === null ? null : host.priceSeries.priceToCoordinate(high);
      // The marker sits above the bar's high.
      out.push({ row, x, y: y === null ? 24 : Math.max(12, y - 14), width: spotWidth });
      if (out.length >= MAX_SPOTS) break;
    }
    return out.reverse();
  }

  private spotWidth(): number {
    const scale = this.host?.chart.timeScale();
    const a = scale?.logicalToCoordinate(0 as Logical);
    const b = scale?.logicalToCoordinate(1 as Logical);
    const spacing = a == null || b == null ? MAX_SPOT_WIDTH : Math.abs(b - a);
    return Math.max(MIN_SPOT_WIDTH, Math.min(MAX_SPOT_WIDTH, Math.floor(spacing)));
  }
}
