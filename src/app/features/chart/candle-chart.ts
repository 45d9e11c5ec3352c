import {
  CandlestickSeries,
  ColorType,
  createChart,
  createSeriesMarkers,
  type ISeriesMarkersPluginApi,
  type Time,
  type SeriesMarker,
  type WhitespaceData,
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
/** Longest run of empty slots drawn as a real time gap; longer holes get a marker instead. */
const MAX_GAP_SLOTS = 2_000;
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
  private lengthMs = 60_000;
  /** Data points on the time scale, bars and empty slots alike. */
  private points = 0;
  private readonly markers: ISeriesMarkersPluginApi<Time>;
  private holeMarkers: SeriesMarker<UTCTimestamp>[] = [];
  private gapMarkers: SeriesMarker<UTCTimestamp>[] = [];

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
    this.markers = createSeriesMarkers(this.candles, []);
  }

  /** Second-level bars need seconds on the time axis. */
  setTimeframe(timeframe: TimeframeId): void {
    this.lengthMs = timeframeMs(timeframe);
    this.chart.applyOptions({ timeScale: { secondsVisible: this.lengthMs < 60_000 } });
  }

  /**
   * Missing trades the feed could not backfill (venue, time range): shown, never hidden, as a
   * marker at the first affected bar.
   */
  setGaps(gaps: readonly { fromTimeMs: number; toTimeMs: number; detail: string }[]): void {
    this.gapMarkers = gaps.map((g) => ({
      time: toTime(g.fromTimeMs - (g.fromTimeMs % this.lengthMs)),
      position: 'aboveBar',
      color: '#f0883e',
      shape: 'arrowDown',
      text: `gap ${g.detail}`,
    }));
    this.showMarkers();
  }

  private showMarkers(): void {
    const all = [...this.holeMarkers, ...this.gapMarkers].sort((a, b) => (a.time as number) - (b.time as number));
    this.markers.setMarkers(all);
  }

  /**
   * Empty slots between `fromMs` (exclusive) and `toMs` (exclusive): intervals without trades
   * keep their width on the time axis, so a halt looks like a halt. Very long holes get a marker.
   */
  private emptySlots(fromMs: number, toMs: number): WhitespaceData<UTCTimestamp>[] {
    const slots = Math.round((toMs - fromMs) / this.lengthMs) - 1;
    if (slots <= 0) return [];
    if (slots > MAX_GAP_SLOTS) {
      const hours = ((toMs - fromMs) / 3_600_000).toFixed(1);
      this.holeMarkers.push({
        time: toTime(toMs),
        position: 'aboveBar',
        color: '#6e7681',
        shape: 'circle',
        text: `no data ${hours} h`,
      });
      return [];
    }
    const out: WhitespaceData<UTCTimestamp>[] = [];
    for (let t = fromMs + this.lengthMs; t < toMs; t += this.lengthMs) out.push({ time: toTime(t) });
    return out;
  }

  /** Replaces everything with stored history (oldest first). */
  setHistory(candles: readonly Candle[]): void {
    this.byTime.clear();
    for (const c of candles) this.byTime.set(c.openTimeMs, c);
    this.lastTimeMs = candles.length > 0 ? (candles[candles.length - 1] as Candle).openTimeMs : -Infinity;
    this.precision = -1;
    this.holeMarkers = [];
    if (candles.length > 0) this.adaptPrecision(candles[candles.length - 1] as Candle);
    const bars: (CandlestickData<UTCTimestamp> | WhitespaceData<UTCTimestamp>)[] = [];
    const volumes: (HistogramData<UTCTimestamp> | WhitespaceData<UTCTimestamp>)[] = [];
    let previous: Candle | null = null;
    for (const c of candles) {
      if (previous !== null) {
        const empty = this.emptySlots(previous.openTimeMs, c.openTimeMs);
        bars.push(...empty);
        volumes.push(...empty);
      }
      bars.push(toCandleData(c));
      volumes.push(toVolumeData(c));
      previous = c;
    }
    this.points = bars.length;
    this.candles.setData(bars);
    this.volume.setData(volumes);
    this.showMarkers();
    this.emitLegend();
  }

  /** Applies add/replace updates; an older bar (late-trade correction) is a historical update. */
  apply(candles: readonly Candle[]): void {
    for (const c of candles) {
      const historical = c.openTimeMs < this.lastTimeMs;
      if (this.precision < 0) this.adaptPrecision(c);
      if (!historical && this.lastTimeMs > -Infinity) {
        for (const slot of this.emptySlots(this.lastTimeMs, c.openTimeMs)) {
          this.candles.update(slot);
          this.volume.update(slot);
          this.points++;
        }
      }
      if (!historical && c.openTimeMs !== this.lastTimeMs) this.points++;
      this.byTime.set(c.openTimeMs, c);
      if (!historical) this.lastTimeMs = c.openTimeMs;
      this.candles.update(toCandleData(c), historical);
      this.volume.update(toVolumeData(c), historical);
    }
    if (candles.length > 0) this.emitLegend();
  }

  /** Shows the newest `bars` slots; with less history the bars sit at the right, not stretched. */
  fitRecent(bars = 120): void {
    const n = this.points;
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
