import { HistogramSeries, LineStyle, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import type { ScoreRow } from '../../../core/models/scoring/score-row';
import { ANOMALY_THRESHOLD, severityOf } from '../../../core/models/scoring/severity';
import { toTime, type ChartOverlay, type LegendGroup, type OverlayHost } from '../chart/chart-overlay';
import { scoreText, severityColor } from './anomaly-format';

/**
 * The optional anomaly-score pane: every scored bar's score (0..1) as a histogram, anomalies in
 * their severity colour, with the threshold as a dashed line.
 */
export class AnomalyScorePane implements ChartOverlay<ScoreRow> {
  readonly id = 'anomaly-score';
  readonly placement = 'pane' as const;
  readonly paneHeight = 90;
  private readonly byTime = new Map<number, ScoreRow>();
  private host: OverlayHost | null = null;
  private bars: ISeriesApi<'Histogram'> | null = null;
  private lastTimeMs = -Infinity;

  attach(host: OverlayHost): void {
    this.host = host;
    const format = { type: 'custom' as const, formatter: (v: number) => v.toFixed(2), minMove: 0.01 };
    this.bars = host.chart.addSeries(
      HistogramSeries,
      { priceFormat: format, priceLineVisible: false, lastValueVisible: false },
      host.paneIndex,
    );
    this.bars.createPriceLine({
      price: ANOMALY_THRESHOLD,
      color: host.palette.hole,
      lineWidth: 1,
      lineStyle: LineStyle.Dashed,
      axisLabelVisible: false,
      title: '',
    });
    this.redraw();
  }

  setHistory(rows: readonly ScoreRow[]): void {
    this.byTime.clear();
    for (const r of rows) this.byTime.set(r.openTimeMs, r);
    this.redraw();
  }

  apply(rows: readonly ScoreRow[]): void {
    for (const r of rows) {
      this.byTime.set(r.openTimeMs, r);
      const historical = r.openTimeMs < this.lastTimeMs;
      if (!historical) this.lastTimeMs = r.openTimeMs;
      this.bars?.update(this.point(r), historical);
    }
  }

  detach(): void {
    if (this.host !== null && this.bars !== null) this.host.chart.removeSeries(this.bars);
    this.bars = null;
    this.host = null;
  }

  legend(timeMs: number | null): LegendGroup | null {
    const row = timeMs === null ? this.byTime.get(this.lastTimeMs) : this.byTime.get(timeMs);
    if (row === undefined || this.host === null) return null;
    const severity = severityOf(row.score);
    return {
      id: this.id,
      label: 'Anomaly score',
      values: [
        {
          name: 'score',
          value: row.score,
          text: scoreText(row.score),
          color: severity === null ? this.host.palette.text : severityColor(this.host.palette, severity),
        },
      ],
    };
  }

  private point(r: ScoreRow) {
    const severity = severityOf(r.score);
    const palette = this.host?.palette;
    return {
      time: toTime(r.openTimeMs) as UTCTimestamp,
      value: r.score,
      color: palette === undefined ? '' : severity === null ? palette.grid : severityColor(palette, severity),
    };
  }

  private redraw(): void {
    const rows = [...this.byTime.values()].sort((a, b) => a.openTimeMs - b.openTimeMs);
    this.lastTimeMs = rows.length > 0 ? (rows[rows.length - 1] as ScoreRow).openTimeMs : -Infinity;
    this.bars?.setData(rows.map((r) => this.point(r)));
  }
}
