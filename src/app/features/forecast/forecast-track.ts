import type { IPrimitivePaneRenderer, SeriesAttachedParameter, Time } from 'lightweight-charts';
import type { CanvasRenderingTarget2D } from 'fancy-canvas';
import { PanePrimitive } from '../chart/pane-primitive';
import { toTime, type ChartOverlay, type LegendGroup, type OverlayHost } from '../chart/chart-overlay';

/** A stored one-bar-ahead forecast of one model for the bar opened at `targetTimeMs`. */
export interface TrackedForecast {
  readonly targetTimeMs: number;
  readonly model: string;
  readonly close: number;
  readonly lo80: number;
  readonly hi80: number;
  readonly lo95: number;
  readonly hi95: number;
}

/**
 * The track record behind the candles: for each bar held, the interval its one-bar-ahead
 * forecast gave (80 % and 95 %, of the model the band shows). A bar whose close left its 80 %
 * interval stands out against it, so an analyst reviewing stored history sees where the
 * intervals held and where they did not. Drawn in the bottom layer, like the regime shading.
 */
export class ForecastTrackOverlay implements ChartOverlay<TrackedForecast> {
  readonly id = 'forecast-track';
  readonly placement = 'overlay' as const;
  readonly paneHeight = 0;
  /** Target bar → model → forecast. */
  private readonly byTime = new Map<number, Map<string, TrackedForecast>>();
  private model = 'persistence';
  private host: OverlayHost | null = null;
  private readonly primitive = new TrackPrimitive(() => this.visible());

  attach(host: OverlayHost): void {
    this.host = host;
    host.priceSeries.attachPrimitive(this.primitive);
  }

  setHistory(rows: readonly TrackedForecast[]): void {
    this.byTime.clear();
    this.apply(rows);
  }

  apply(rows: readonly TrackedForecast[]): void {
    for (const r of rows) {
      const models = this.byTime.get(r.targetTimeMs) ?? new Map<string, TrackedForecast>();
      models.set(r.model, r);
      this.byTime.set(r.targetTimeMs, models);
    }
    this.primitive.redraw();
  }

  /** The model whose intervals are drawn (the band's; persistence where it has none). */
  show(model: string): void {
    this.model = model;
    this.primitive.redraw();
  }

  detach(): void {
    if (this.host === null) return;
    this.host.priceSeries.detachPrimitive(this.primitive);
    this.host.chart.chartElement().dataset['forecastTrack'] = '0';
    this.host = null;
  }

  legend(timeMs: number | null): LegendGroup | null {
    if (timeMs === null || this.host === null) return null;
    const row = this.of(timeMs);
    if (row === undefined) return null;
    const d = this.host.pricePrecision;
    const p = this.host.palette;
    const bar = this.host.priceSeries.data().find((b) => b.time === toTime(timeMs));
    const close = bar !== undefined && 'close' in bar ? (bar.close as number) : null;
    const verdict = close === null ? '' : close >= row.lo80 && close <= row.hi80 ? 'inside' : 'outside';
    return {
      id: this.id,
      label: `Forecast for this bar (${row.model}, one bar ahead)`,
      values: [
        { name: 'close', value: row.close, text: row.close.toFixed(d), color: p.series[0] ?? p.text },
        { name: '80 %', value: row.hi80, text: `${row.lo80.toFixed(d)} – ${row.hi80.toFixed(d)}`, color: p.text },
        { name: '95 %', value: row.hi95, text: `${row.lo95.toFixed(d)} – ${row.hi95.toFixed(d)}`, color: p.text },
        ...(verdict === '' ? [] : [{ name: 'close was', value: close, text: `${verdict} 80 %`, color: p.text }]),
      ],
    };
  }

  private of(timeMs: number): TrackedForecast | undefined {
    const models = this.byTime.get(timeMs);
    return models?.get(this.model) ?? models?.get('persistence');
  }

  private visible(): TrackedForecast[] {
    const rows: TrackedForecast[] = [];
    for (const t of this.byTime.keys()) {
      const row = this.of(t);
      if (row !== undefined) rows.push(row);
    }
    return rows;
  }
}

class TrackPrimitive extends PanePrimitive {
  constructor(private readonly rows: () => readonly TrackedForecast[]) {
    super('bottom');
  }

  protected render(a: SeriesAttachedParameter<Time>): IPrimitivePaneRenderer | null {
    const scale = a.chart.timeScale();
    const spacing = scale.options().barSpacing;
    const width = scale.width();
    const style = getComputedStyle(document.documentElement);
    const fill80 = style.getPropertyValue('--forecast-band-80').trim();
    const fill95 = style.getPropertyValue('--forecast-band-95').trim();
    const marks: { x: number; lo80: number; hi80: number; lo95: number; hi95: number }[] = [];
    for (const r of this.rows()) {
      const x = scale.timeToCoordinate(toTime(r.targetTimeMs));
      if (x === null || x < -spacing || x > width + spacing) continue;
      const [lo80, hi80, lo95, hi95] = [r.lo80, r.hi80, r.lo95, r.hi95].map((v) => a.series.priceToCoordinate(v));
      if (lo80 == null || hi80 == null || lo95 == null || hi95 == null) continue;
      marks.push({ x, lo80, hi80, lo95, hi95 });
    }
    const element = a.chart.chartElement();
    return {
      draw: (target: CanvasRenderingTarget2D) =>
        target.useMediaCoordinateSpace(({ context: c }) => {
          // Intervals meet edge to edge, so a run of bars reads as a band.
          const w = Math.ceil(spacing);
          for (const m of marks) {
            const left = Math.round(m.x - spacing / 2);
            c.fillStyle = fill95;
            c.fillRect(left, m.hi95, w, m.lo95 - m.hi95);
            c.fillStyle = fill80;
            c.fillRect(left, m.hi80, w, m.lo80 - m.hi80);
          }
          // Exposed for the browser tests: the bars whose forecast was drawn in the last paint.
          const drawn = String(marks.length);
          if (element.dataset['forecastTrack'] !== drawn) element.dataset['forecastTrack'] = drawn;
        }),
    };
  }
}
