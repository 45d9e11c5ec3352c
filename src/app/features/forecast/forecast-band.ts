import type { IPrimitivePaneRenderer, Logical, SeriesAttachedParameter, Time } from 'lightweight-charts';
import { PanePrimitive } from '../chart/pane-primitive';
import type { CanvasRenderingTarget2D } from 'fancy-canvas';
import type { ForecastRun } from '../../../core/models/forecasting/forecast-types';
import type { ForecastStep } from '../../../core/models/forecast/forecaster';
import { toTime, type ChartOverlay, type LegendGroup, type OverlayHost } from '../chart/chart-overlay';

/** Bars of room right of the last bar while a forecast is drawn (10 ahead plus a margin). */
const FORECAST_ROOM = 13;
/** The chart's own right offset otherwise (see candle-chart.ts). */
const DEFAULT_ROOM = 4;

interface Shape {
  readonly steps: readonly ForecastStep[];
  readonly originClose: number | null;
  readonly originTimeMs: number;
}

/**
 * The forecast ahead of the last closed bar: the 95 % and 80 % bands of the close and the
 * predicted next candle, drawn by a series primitive at logical indexes past the origin bar (no
 * whitespace data on the candles). `setRun` picks the model shown; the legend says which.
 */
export class ForecastBandOverlay implements ChartOverlay<ForecastRun> {
  readonly id = 'forecast-band';
  readonly placement = 'overlay' as const;
  readonly paneHeight = 0;
  private host: OverlayHost | null = null;
  private run: ForecastRun | null = null;
  private model = 'persistence';
  private readonly primitive = new BandPrimitive(() => this.shape());

  attach(host: OverlayHost): void {
    this.host = host;
    host.priceSeries.attachPrimitive(this.primitive);
    host.chart.applyOptions({ timeScale: { rightOffset: FORECAST_ROOM } });
  }

  setHistory(rows: readonly ForecastRun[]): void {
    this.run = null;
    this.apply(rows);
  }

  apply(rows: readonly ForecastRun[]): void {
    const newest = rows[rows.length - 1];
    if (newest !== undefined && (this.run === null || newest.originTimeMs >= this.run.originTimeMs)) this.run = newest;
    this.primitive.redraw();
  }

  /** The model whose band is drawn (the best by the scorer, persistence unless another beats it). */
  show(model: string): void {
    this.model = model;
    this.primitive.redraw();
  }

  /** The model drawn and its next-bar step, for the page (tests and the panel). */
  shown(): { model: string; originTimeMs: number; step: ForecastStep } | null {
    const s = this.shape();
    const step = s?.steps[0];
    return s === null || step === undefined ? null : { model: this.drawnModel(), originTimeMs: s.originTimeMs, step };
  }

  detach(): void {
    this.host?.priceSeries.detachPrimitive(this.primitive);
    this.host?.chart.applyOptions({ timeScale: { rightOffset: DEFAULT_ROOM } });
    this.host = null;
  }

  legend(timeMs: number | null): LegendGroup | null {
    const s = this.shape();
    const step = s?.steps[0];
    if (s === null || step === undefined || timeMs !== null || this.host === null) return null;
    const p = this.host.palette;
    const d = this.host.pricePrecision;
    return {
      id: this.id,
      label: `Forecast (${this.drawnModel()}), next bar`,
      values: [
        { name: 'close', value: step.close, text: step.close.toFixed(d), color: p.series[0] ?? p.text },
        { name: '80 %', value: step.hi80, text: `${step.lo80.toFixed(d)} – ${step.hi80.toFixed(d)}`, color: p.text },
        { name: '95 %', value: step.hi95, text: `${step.lo95.toFixed(d)} – ${step.hi95.toFixed(d)}`, color: p.text },
        { name: 'P(up)', value: step.pUp, text: `${Math.round(step.pUp * 100)} %`, color: p.text },
      ],
    };
  }

  private drawnModel(): string {
    const models = this.run?.models ?? [];
    return (
      (models.find((m) => m.name === this.model) ?? models.find((m) => m.name === 'persistence') ?? models[0])?.name ??
      this.model
    );
  }

  private shape(): Shape | null {
    const run = this.run;
    const host = this.host;
    if (run === null || host === null) return null;
    const name = this.drawnModel();
    const steps = run.models.find((m) => m.name === name)?.steps ?? [];
    if (steps.length === 0) return null;
    const bar = host.priceSeries.data().find((b) => b.time === toTime(run.originTimeMs));
    const originClose = bar !== undefined && 'close' in bar ? (bar.close as number) : null;
    return { steps, originClose, originTimeMs: run.originTimeMs };
  }
}

class BandPrimitive extends PanePrimitive {
  constructor(private readonly shape: () => Shape | null) {
    super('top');
  }

  protected render(a: SeriesAttachedParameter<Time>): IPrimitivePaneRenderer | null {
    const shape = this.shape();
    if (shape === null) return null;
    const scale = a.chart.timeScale();
    const origin = scale.timeToIndex(toTime(shape.originTimeMs), false);
    if (origin === null) return null;
    const x = (h: number) => scale.logicalToCoordinate((origin + h) as Logical);
    const y = (price: number) => a.series.priceToCoordinate(price);
    const style = getComputedStyle(document.documentElement);
    const colour = (name: string) => style.getPropertyValue(name).trim();
    const points = shape.steps.map((s) => ({
      x: x(s.horizon),
      lo80: y(s.lo80),
      hi80: y(s.hi80),
      lo95: y(s.lo95),
      hi95: y(s.hi95),
      close: y(s.close),
    }));
    const start = { x: x(0), y: shape.originClose === null ? null : y(shape.originClose) };
    const spacing = scale.options().barSpacing;
    const next = shape.steps[0] as ForecastStep;
    const candle = {
      x: x(1),
      open: shape.originClose === null ? null : y(shape.originClose),
      close: y(next.close),
      high: y(next.high),
      low: y(next.low),
      up: shape.originClose === null || next.close >= shape.originClose,
    };
    return {
      draw: (target: CanvasRenderingTarget2D) =>
        target.useMediaCoordinateSpace(({ context: c }) => {
          const band = (lo: 'lo80' | 'lo95', hi: 'hi80' | 'hi95', fill: string) => {
            const pts = points.filter((p) => p.x !== null && p[lo] !== null && p[hi] !== null);
            if (pts.length === 0) return;
            c.beginPath();
            if (start.x !== null && start.y !== null) c.moveTo(start.x, start.y);
            for (const p of pts) c.lineTo(p.x as number, p[hi] as number);
            for (const p of [...pts].reverse()) c.lineTo(p.x as number, p[lo] as number);
            c.closePath();
            c.fillStyle = fill;
            c.fill();
          };
          band('lo95', 'hi95', colour('--forecast-band-95'));
          band('lo80', 'hi80', colour('--forecast-band-80'));
          c.beginPath();
          c.setLineDash([4, 3]);
          c.strokeStyle = colour('--forecast-line');
          c.lineWidth = 1.5;
          if (start.x !== null && start.y !== null) c.moveTo(start.x, start.y);
          for (const p of points) if (p.x !== null && p.close !== null) c.lineTo(p.x, p.close);
          c.stroke();
          c.setLineDash([]);
          if (candle.x === null || candle.close === null || candle.high === null || candle.low === null) return;
          const w = Math.max(3, spacing * 0.7);
          const edge = colour(candle.up ? '--up' : '--down');
          c.strokeStyle = edge;
          c.beginPath();
          c.moveTo(candle.x, candle.high);
          c.lineTo(candle.x, candle.low);
          c.stroke();
          const top = Math.min(candle.open ?? candle.close, candle.close);
          const height = Math.max(1, Math.abs((candle.open ?? candle.close) - candle.close));
          c.fillStyle = colour('--chart-bg');
          c.fillRect(candle.x - w / 2, top, w, height);
          c.strokeRect(candle.x - w / 2, top, w, height);
        }),
    };
  }
}
