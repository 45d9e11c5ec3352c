import { HistogramSeries, LineStyle, type HistogramData, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import type { SentimentBar } from '../../../core/news/sentiment-series';
import { toTime, type ChartOverlay, type LegendGroup, type OverlayHost } from '../chart/chart-overlay';

export const SENTIMENT_OVERLAY_ID = 'news-sentiment';

const signed = (x: number) => `${x > 0 ? '+' : ''}${x.toFixed(2)}`;

/**
 * The sentiment pane: one bar per chart bar that had news, its height the mean headline score
 * (−1 … 1), green above zero and red below; the legend adds the news volume and the surprise
 * against recent bars. Bars without news are empty (no news is not neutral news).
 */
export class SentimentOverlay implements ChartOverlay<SentimentBar> {
  readonly id = SENTIMENT_OVERLAY_ID;
  readonly placement = 'pane' as const;
  readonly paneHeight = 90;
  private rows: SentimentBar[] = [];
  private host: OverlayHost | null = null;
  private series: ISeriesApi<'Histogram'> | null = null;

  attach(host: OverlayHost): void {
    this.host = host;
    this.series = host.chart.addSeries(
      HistogramSeries,
      {
        priceFormat: { type: 'custom', formatter: (v: number) => v.toFixed(2), minMove: 0.01 },
        priceLineVisible: false,
        lastValueVisible: false,
        autoscaleInfoProvider: () => ({ priceRange: { minValue: -1, maxValue: 1 } }),
      },
      host.paneIndex,
    );
    this.series.createPriceLine({
      price: 0,
      color: host.palette.hole,
      lineWidth: 1,
      lineStyle: LineStyle.Dotted,
      axisLabelVisible: false,
      title: '',
    });
    this.redraw();
  }

  setHistory(rows: readonly SentimentBar[]): void {
    this.rows = [...rows].sort((a, b) => a.openTimeMs - b.openTimeMs);
    this.redraw();
  }

  apply(rows: readonly SentimentBar[]): void {
    const byTime = new Map(this.rows.map((r) => [r.openTimeMs, r]));
    for (const r of rows) byTime.set(r.openTimeMs, r);
    this.setHistory([...byTime.values()]);
  }

  detach(): void {
    if (this.series !== null) this.host?.chart.removeSeries(this.series);
    this.series = null;
    this.host = null;
  }

  legend(timeMs: number | null): LegendGroup | null {
    const row = timeMs === null ? this.rows.at(-1) : this.rows.find((r) => r.openTimeMs === timeMs);
    const palette = this.host?.palette;
    const color = (v: number | null) => (v === null || palette === undefined ? '' : v >= 0 ? palette.up : palette.down);
    return {
      id: this.id,
      label: 'News sentiment',
      values: [
        {
          name: 'score',
          value: row?.score ?? null,
          text: row === undefined ? '—' : signed(row.score),
          color: color(row?.score ?? null),
        },
        {
          name: 'articles',
          value: row?.articles ?? null,
          text: row === undefined ? '0' : String(row.articles),
          color: palette?.text ?? '',
        },
        {
          name: 'surprise',
          value: row?.surprise ?? null,
          text: row === undefined ? '—' : signed(row.surprise),
          color: color(row?.surprise ?? null),
        },
      ],
    };
  }

  private redraw(): void {
    const series = this.series;
    const palette = this.host?.palette;
    if (series === null || palette === undefined) return;
    const data: HistogramData<UTCTimestamp>[] = this.rows.map((r) => ({
      time: toTime(r.openTimeMs),
      value: r.score,
      color: r.score >= 0 ? palette.up : palette.down,
    }));
    series.setData(data);
  }
}
