import {
  CandlestickSeries,
  ColorType,
  createChart,
  HistogramSeries,
  type CandlestickData,
  type HistogramData,
  type IChartApi,
  type ISeriesApi,
  type MouseEventParams,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { Candle } from '../../../core/candles/candle';
import { timeframeMs, type TimeframeId } from '../../../core/candles/timeframe';

const UP = '#26a69a';
const DOWN = '#ef5350';

/** The bar a legend shows: the hovered one, or the newest. */
export interface LegendBar {
  readonly timeMs: number;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly volume: string;
  readonly trades: number;
}

function toTime(openTimeMs: number): UTCTimestamp {
  return (openTimeMs / 1000) as UTCTimestamp;
}

function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.replace(/0+$/, '').length - dot - 1;
}

/**
 * Candles and volume on one lightweight-charts chart. Imperative on purpose: bars stream in
 * at frame rate and must not go through reactive state.
 */
export class CandleChart {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  private readonly byTime = new Map<number, Candle>();
  private lastTimeMs = -Infinity;
  private precision = -1;

  constructor(
    container: HTMLElement,
    private readonly onLegend: (bar: LegendBar | null) => void,
  ) {
    this.chart = createChart(container, {
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: '#0b0e14' },
        textColor: '#aab2bf',
        fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
        attributionLogo: true,
      },
      grid: { vertLines: { color: '#161b22' }, horzLines: { color: '#161b22' } },
      rightPriceScale: { borderColor: '#30363d' },
      timeScale: { borderColor: '#30363d', timeVisible: true, secondsVisible: false, rightOffset: 4 },
      crosshair: { mode: 0 },
    });
    this.candles = this.chart.addSeries(CandlestickSeries, {
      upColor: UP,
      downColor: DOWN,
      wickUpColor: UP,
      wickDownColor: DOWN,
      borderVisible: false,
    });
    this.volume = this.chart.addSeries(HistogramSeries, { priceFormat: { type: 'volume' }, priceScaleId: 'volume' });
    this.chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    this.candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.25 } });
    this.chart.subscribeCrosshairMove((p) => this.onCrosshair(p));
  }

  /** Second-level bars need seconds on the time axis. */
  setTimeframe(timeframe: TimeframeId): void {
    this.chart.applyOptions({ timeScale: { secondsVisible: timeframeMs(timeframe) < 60_000 } });
  }

  /** Replaces everything with stored history (oldest first). */
  setHistory(candles: readonly Candle[]): void {
    this.byTime.clear();
    for (const c of candles) this.byTime.set(c.openTimeMs, c);
    this.lastTimeMs = candles.length > 0 ? (candles[candles.length - 1] as Candle).openTimeMs : -Infinity;
    this.precision = -1;
    if (candles.length > 0) this.adaptPrecision(candles[candles.length - 1] as Candle);
    this.candles.setData(candles.map(toCandleData));
    this.volume.setData(candles.map(toVolumeData));
    this.emitLegend();
  }

  /** Applies add/replace updates; an older bar (late-trade correction) is a historical update. */
  apply(candles: readonly Candle[]): void {
    for (const c of candles) {
      const historical = c.openTimeMs < this.lastTimeMs;
      if (this.precision < 0) this.adaptPrecision(c);
      this.byTime.set(c.openTimeMs, c);
      if (!historical) this.lastTimeMs = c.openTimeMs;
      this.candles.update(toCandleData(c), historical);
      this.volume.update(toVolumeData(c), historical);
    }
    if (candles.length > 0) this.emitLegend();
  }

  /** Shows the newest `bars` slots; with less history the bars sit at the right, not stretched. */
  fitRecent(bars = 120): void {
    const n = this.byTime.size;
    if (n === 0) return;
    this.chart.timeScale().setVisibleLogicalRange({ from: n - Math.max(bars, 60), to: n + 4 });
  }

  destroy(): void {
    this.chart.remove();
  }

  private adaptPrecision(c: Candle): void {
    const precision = Math.min(8, Math.max(2, decimalsOf(c.close), decimalsOf(c.open)));
    if (precision === this.precision) return;
    this.precision = precision;
    this.candles.applyOptions({ priceFormat: { type: 'price', precision, minMove: 10 ** -precision } });
  }

  private onCrosshair(p: MouseEventParams): void {
    if (p.time === undefined) return this.emitLegend();
    const bar = this.byTime.get((p.time as number) * 1000);
    this.onLegend(bar === undefined ? null : legendOf(bar));
  }

  private emitLegend(): void {
    const last = this.byTime.get(this.lastTimeMs);
    this.onLegend(last === undefined ? null : legendOf(last));
  }
}

function legendOf(c: Candle): LegendBar {
  return {
    timeMs: c.openTimeMs,
    open: c.open,
    high: c.high,
    low: c.low,
    close: c.close,
    volume: c.volume,
    trades: c.trades,
  };
}

function toCandleData(c: Candle): CandlestickData<UTCTimestamp> {
  return {
    time: toTime(c.openTimeMs),
    open: Number(c.open),
    high: Number(c.high),
    low: Number(c.low),
    close: Number(c.close),
  };
}

function toVolumeData(c: Candle): HistogramData<UTCTimestamp> {
  const up = Number(c.close) >= Number(c.open);
  return {
    time: toTime(c.openTimeMs),
    value: Number(c.volume),
    color: up ? 'rgba(38,166,154,0.45)' : 'rgba(239,83,80,0.45)',
  };
}
