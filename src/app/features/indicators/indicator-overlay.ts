import {
  HistogramSeries,
  LineSeries,
  LineStyle,
  type ISeriesApi,
  type SeriesType,
  type UTCTimestamp,
  type WhitespaceData,
} from 'lightweight-charts';
import type { IndicatorRow } from '../../../core/analytics/analytics-view';
import type { IndicatorInfo } from '../../../core/indicators/catalog';
import { toTime, type ChartOverlay, type LegendGroup, type OverlayHost } from '../chart/chart-overlay';
import { formatValue } from '../chart/price-format';
import type { IndicatorLook, OutputStyle } from './indicator-look';
import { labelOf, type IndicatorOnChart } from './indicator-list';

interface Drawn {
  readonly column: number;
  readonly style: OutputStyle;
  readonly series: ISeriesApi<SeriesType>;
  readonly color: string;
}

/**
 * One indicator instance drawn from the rows the feed worker computes: a series per visible
 * output, on the candles or in its own pane, with reference levels. It keeps the rows it was
 * given, so it can be re-attached when panes are added, removed or reordered.
 */
export class IndicatorOverlay implements ChartOverlay<IndicatorRow> {
  readonly id: string;
  readonly placement: 'overlay' | 'pane';
  readonly paneHeight: number;
  private readonly byTime = new Map<number, readonly (number | null)[]>();
  private lastTimeMs = -Infinity;
  private host: OverlayHost | null = null;
  private drawn: Drawn[] = [];

  constructor(
    readonly instance: IndicatorOnChart,
    private readonly definition: IndicatorInfo,
    private readonly look: IndicatorLook,
  ) {
    this.id = instance.id;
    this.placement = look.placement;
    this.paneHeight = instance.height;
  }

  attach(host: OverlayHost): void {
    this.host = host;
    // The main output takes the instance's colour, the others the next palette slots.
    const slot = (k: number) =>
      host.palette.series[(this.instance.color - 1 + k) % host.palette.series.length] ?? host.palette.text;
    const priceScaled = this.placement === 'overlay';
    const format = priceScaled
      ? { type: 'price' as const, precision: host.pricePrecision, minMove: 10 ** -host.pricePrecision }
      : { type: 'custom' as const, formatter: (v: number) => formatValue(v), minMove: 1e-8 };
    this.drawn = [];
    let lineIndex = 0;
    let visible = 0;
    this.look.styles.forEach((style, column) => {
      if (style === 'hidden') return;
      const color = slot(visible++);
      // Secondary lines are thin and dashed, so the main one leads.
      const dashed = style === 'line' && lineIndex++ > 0;
      const series =
        style === 'histogram'
          ? host.chart.addSeries(
              HistogramSeries,
              { priceFormat: format, priceLineVisible: false, lastValueVisible: false, color },
              host.paneIndex,
            )
          : host.chart.addSeries(
              LineSeries,
              {
                color,
                lineWidth: dashed ? 1 : 2,
                lineStyle: dashed ? LineStyle.Dashed : LineStyle.Solid,
                lineVisible: style !== 'dots',
                pointMarkersVisible: style === 'dots',
                pointMarkersRadius: 2,
                priceFormat: format,
                priceLineVisible: false,
                lastValueVisible: !priceScaled,
                crosshairMarkerVisible: false,
              },
              host.paneIndex,
            );
      this.drawn.push({ column, style, series, color });
    });
    const first = this.drawn[0];
    if (first !== undefined && !priceScaled) {
      for (const level of this.look.levels) {
        first.series.createPriceLine({
          price: level,
          color: host.palette.hole,
          lineWidth: 1,
          lineStyle: LineStyle.Dotted,
          axisLabelVisible: false,
          title: '',
        });
      }
    }
    this.redraw();
  }

  setHistory(rows: readonly IndicatorRow[]): void {
    this.byTime.clear();
    this.lastTimeMs = -Infinity;
    for (const r of rows) this.keep(r);
    this.redraw();
  }

  apply(rows: readonly IndicatorRow[]): void {
    for (const r of rows) {
      const historical = r.openTimeMs < this.lastTimeMs;
      this.keep(r);
      for (const d of this.drawn) d.series.update(this.point(d, r.openTimeMs, r.values), historical);
    }
  }

  detach(): void {
    const chart = this.host?.chart;
    if (chart !== undefined) for (const d of this.drawn) chart.removeSeries(d.series);
    this.drawn = [];
    this.host = null;
  }

  legend(timeMs: number | null): LegendGroup | null {
    const at = timeMs ?? this.lastTimeMs;
    const values = this.byTime.get(at) ?? null;
    const precision = this.placement === 'overlay' ? this.host?.pricePrecision : undefined;
    return {
      id: this.id,
      label: labelOf(this.instance),
      values: this.drawn.map((d) => {
        const value = values?.[d.column] ?? null;
        return {
          name: this.definition.outputs[d.column] ?? '',
          value,
          text: formatValue(value, precision),
          color: d.color,
        };
      }),
    };
  }

  /** Every row held, oldest first (a restyled copy starts from them). */
  rows(): IndicatorRow[] {
    return [...this.byTime.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([openTimeMs, values]) => ({ openTimeMs, values }));
  }

  /** Values the page holds for a bar (for tests and the legend). */
  valuesAt(openTimeMs: number): readonly (number | null)[] | undefined {
    return this.byTime.get(openTimeMs);
  }

  private keep(r: IndicatorRow): void {
    this.byTime.set(r.openTimeMs, r.values);
    if (r.openTimeMs > this.lastTimeMs) this.lastTimeMs = r.openTimeMs;
  }

  private redraw(): void {
    if (this.drawn.length === 0) return;
    const times = [...this.byTime.keys()].sort((a, b) => a - b);
    for (const d of this.drawn) {
      d.series.setData(times.map((t) => this.point(d, t, this.byTime.get(t) ?? [])));
    }
  }

  private point(
    d: Drawn,
    openTimeMs: number,
    values: readonly (number | null)[],
  ): { time: UTCTimestamp; value: number; color?: string } | WhitespaceData<UTCTimestamp> {
    const time = toTime(openTimeMs);
    const value = values[d.column] ?? null;
    if (value === null || !Number.isFinite(value)) return { time };
    if (d.style !== 'histogram' || this.host === null) return { time, value };
    return { time, value, color: value >= 0 ? this.host.palette.upSoft : this.host.palette.downSoft };
  }
}
