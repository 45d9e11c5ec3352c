import {
  CandlestickSeries,
  ColorType,
  createChart,
  createSeriesMarkers,
  HistogramSeries,
  type CandlestickData,
  type HistogramData,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type MouseEventParams,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
  type WhitespaceData,
} from 'lightweight-charts';
import type { Candle } from '../../../core/candles/candle';
import { timeframeMs, type TimeframeId } from '../../../core/candles/timeframe';
import { toTime, type ChartOverlay, type LegendGroup } from './chart-overlay';
import { readChartPalette, type ChartPalette } from './chart-palette';
import { fitRange } from './fit-range';
import { barsPainted } from '../../startup/first-bars';
import { formatBarTime, formatPrice, pricePrecision } from './price-format';

/** Longest run of empty slots drawn as a real time gap; longer holes get a marker instead. */
const MAX_GAP_SLOTS = 2_000;
const VOLUME_PANE = 1;
const VOLUME_HEIGHT = 80;
const MIN_PRICE_HEIGHT = 180;
const DEFAULT_STRETCH = 100;
/** lightweight-charts draws a 1 px separator between panes. */
const SEPARATOR = 1;
/**
 * Updates in one batch from which the series are rebuilt with one `setData` instead of one
 * `update` each: written demo history arrives in chunks of hundreds of bars, many older than the
 * newest, and a historical `update` costs a search and a repaint of its own.
 */
const BULK_UPDATES = 48;

/** The bar a legend shows: the hovered one, or the newest, prices at the instrument's precision. */
export interface LegendBar {
  readonly timeMs: number;
  readonly time: string;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly volume: string;
  readonly buyVolume: string;
  readonly sellVolume: string;
  readonly trades: number;
}

/** Everything the legends show, per pane, with each pane's top edge in px. */
export interface ChartLegend {
  readonly bar: LegendBar | null;
  /** Overlays on the candles. */
  readonly price: readonly LegendGroup[];
  readonly volumeTop: number;
  readonly panes: readonly { readonly top: number; readonly group: LegendGroup }[];
}

/**
 * Candles, a volume pane (taker buy and sell split) and overlays (indicators, later forecast
 * bands and anomaly markers) on one lightweight-charts chart. Imperative on purpose: bars stream
 * in at frame rate and must not go through reactive state.
 */
export class CandleChart {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  /** Total volume (its visible top part is sell, or side unknown) with taker buy drawn over it. */
  private readonly volume: ISeriesApi<'Histogram'>;
  private readonly buyVolume: ISeriesApi<'Histogram'>;
  private readonly byTime = new Map<number, Candle>();
  private readonly overlays: ChartOverlay[] = [];
  private palette: ChartPalette;
  private lastTimeMs = -Infinity;
  /** Decimals of prices on the axis and in legends; -1 until the first bar or tick. */
  private precision = -1;
  private tick: string | undefined;
  private timeframe: TimeframeId = '1m';
  private lengthMs = 60_000;
  /** Data points on the time scale, bars and empty slots alike. */
  private points = 0;
  private hoverTimeMs: number | null = null;
  /** The candles keep the height the other panes leave when the page is resized. */
  private readonly resize = new ResizeObserver(() =>
    requestAnimationFrame(() => {
      if (!this.destroyed) this.sizePanes();
    }),
  );
  private destroyed = false;
  private readonly markers: ISeriesMarkersPluginApi<Time>;
  private holeMarkers: SeriesMarker<UTCTimestamp>[] = [];
  private gapMarkers: SeriesMarker<UTCTimestamp>[] = [];
  private alertMarkers: SeriesMarker<UTCTimestamp>[] = [];

  constructor(
    private readonly container: HTMLElement,
    private readonly onLegend: (legend: ChartLegend) => void,
  ) {
    this.palette = readChartPalette();
    this.chart = createChart(container, {
      autoSize: true,
      layout: {
        fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
        attributionLogo: true,
        panes: { separatorColor: this.palette.border, enableResize: true },
      },
      timeScale: { timeVisible: true, secondsVisible: false, rightOffset: 4 },
      localization: { timeFormatter: (t: Time) => formatBarTime((t as number) * 1000, this.timeframe) },
      crosshair: { mode: 0 },
    });
    this.candles = this.chart.addSeries(CandlestickSeries, { borderVisible: false });
    this.volume = this.chart.addSeries(
      HistogramSeries,
      { priceFormat: { type: 'volume' }, priceLineVisible: false, lastValueVisible: false },
      VOLUME_PANE,
    );
    this.buyVolume = this.chart.addSeries(
      HistogramSeries,
      { priceFormat: { type: 'volume' }, priceLineVisible: false, lastValueVisible: false },
      VOLUME_PANE,
    );
    this.applyPalette();
    this.sizePanes();
    this.resize.observe(container);
    this.chart.subscribeCrosshairMove((p) => this.onCrosshair(p));
    this.markers = createSeriesMarkers(this.candles, []);
  }

  /** The page's theme changed: re-read the palette and redraw with it. */
  themeChanged(): void {
    this.palette = readChartPalette();
    this.applyPalette();
    this.relayout();
  }

  /** Second-level bars need seconds on the time axis (and in the crosshair label). */
  setTimeframe(timeframe: TimeframeId): void {
    this.timeframe = timeframe;
    this.lengthMs = timeframeMs(timeframe);
    this.chart.applyOptions({ timeScale: { secondsVisible: this.lengthMs < 60_000 } });
  }

  /** The instrument's tick size (from its venue listing), when known: prices show at its precision. */
  setTick(tick: string | undefined): void {
    if (tick === this.tick) return;
    this.tick = tick;
    // Recomputed from the bars (a coarser tick than before may need fewer decimals).
    this.precision = -1;
    this.updatePrecision([...this.byTime.values()].sort((a, b) => a.openTimeMs - b.openTimeMs));
    this.emitLegend();
  }

  /**
   * Missing trades the feed could not backfill (venue, time range): shown, never hidden, as a
   * marker at the first affected bar.
   */
  setGaps(gaps: readonly { fromTimeMs: number; toTimeMs: number; detail: string }[]): void {
    this.gapMarkers = gaps.map((g) => ({
      time: toTime(g.fromTimeMs - (g.fromTimeMs % this.lengthMs)),
      position: 'aboveBar',
      color: this.palette.gap,
      shape: 'arrowDown',
      text: `gap ${g.detail}`,
    }));
    this.showMarkers();
  }

  /** Replaces everything with stored history (oldest first). */
  setHistory(candles: readonly Candle[]): void {
    this.byTime.clear();
    for (const c of candles) this.byTime.set(c.openTimeMs, c);
    this.hoverTimeMs = null;
    this.drawAll(candles);
    this.emitLegend();
  }

  /** Many updates at once: merged into the held bars and drawn with one `setData` per series. */
  private applyBulk(candles: readonly Candle[], legend: boolean): void {
    for (const c of candles) this.byTime.set(c.openTimeMs, c);
    this.drawAll([...this.byTime.values()].sort((a, b) => a.openTimeMs - b.openTimeMs));
    if (legend) this.emitLegend();
  }

  /** Draws `candles` (every held bar, oldest first) with the empty slots between them. */
  private drawAll(candles: readonly Candle[]): void {
    this.lastTimeMs = candles.length > 0 ? (candles[candles.length - 1] as Candle).openTimeMs : -Infinity;
    this.holeMarkers = [];
    this.updatePrecision(candles);
    const bars: (CandlestickData<UTCTimestamp> | WhitespaceData<UTCTimestamp>)[] = [];
    const volumes: (HistogramData<UTCTimestamp> | WhitespaceData<UTCTimestamp>)[] = [];
    const buys: (HistogramData<UTCTimestamp> | WhitespaceData<UTCTimestamp>)[] = [];
    let previous: Candle | null = null;
    for (const c of candles) {
      if (previous !== null) {
        const empty = this.emptySlots(previous.openTimeMs, c.openTimeMs);
        bars.push(...empty);
        volumes.push(...empty);
        buys.push(...empty);
      }
      bars.push(toCandleData(c));
      volumes.push(this.volumeData(c));
      buys.push(this.buyData(c));
      previous = c;
    }
    this.points = bars.length;
    this.candles.setData(bars);
    this.volume.setData(volumes);
    this.buyVolume.setData(buys);
    this.showMarkers();
    // Exposed for the browser tests: what the chart holds (scrolling back loads older pages).
    this.container.dataset['heldBars'] = String(candles.length);
    this.container.dataset['oldestMs'] = String(candles[0]?.openTimeMs ?? '');
    if (candles.length > 0) barsPainted();
  }

  /**
   * Applies add/replace updates; an older bar (late-trade correction) is a historical update.
   * `legend: false` when the caller changes overlays next and emits the legend once for both.
   */
  apply(candles: readonly Candle[], options: { legend?: boolean } = {}): void {
    if (candles.length >= BULK_UPDATES) {
      this.applyBulk(candles, options.legend !== false);
      return;
    }
    for (const c of candles) {
      const historical = c.openTimeMs < this.lastTimeMs;
      if (!historical && this.lastTimeMs > -Infinity) {
        for (const slot of this.emptySlots(this.lastTimeMs, c.openTimeMs)) {
          this.candles.update(slot);
          this.volume.update(slot);
          this.buyVolume.update(slot);
          this.points++;
        }
      }
      if (!historical && c.openTimeMs !== this.lastTimeMs) this.points++;
      this.byTime.set(c.openTimeMs, c);
      this.widenPrecision(c);
      if (!historical) this.lastTimeMs = c.openTimeMs;
      this.candles.update(toCandleData(c), historical);
      this.volume.update(this.volumeData(c), historical);
      this.buyVolume.update(this.buyData(c), historical);
    }
    if (candles.length > 0 && options.legend !== false) this.emitLegend();
    if (candles.length > 0) barsPainted();
  }

  /** Adds an overlay (attached in pane order); its rows are set by the caller. */
  addOverlay(overlay: ChartOverlay): void {
    this.overlays.push(overlay);
    this.relayout();
  }

  removeOverlay(id: string): void {
    const i = this.overlays.findIndex((o) => o.id === id);
    if (i < 0) return;
    (this.overlays[i] as ChartOverlay).detach();
    this.overlays.splice(i, 1);
    this.relayout();
  }

  /** Puts overlays in this order (pane order follows it). */
  orderOverlays(ids: readonly string[]): void {
    const rank = new Map(ids.map((id, i) => [id, i]));
    const before = this.overlays.map((o) => o.id).join();
    this.overlays.sort((a, b) => (rank.get(a.id) ?? 1e9) - (rank.get(b.id) ?? 1e9));
    if (this.overlays.map((o) => o.id).join() !== before) this.relayout();
  }

  overlayIds(): string[] {
    return this.overlays.map((o) => o.id);
  }

  overlay(id: string): ChartOverlay | undefined {
    return this.overlays.find((o) => o.id === id);
  }

  /** Redraws after rows changed outside `apply` (the legend follows). */
  overlaysChanged(): void {
    this.emitLegend();
  }

  /**
   * Shows the newest bars at a readable spacing: a long history shows its last `bars`, a short
   * one keeps at least 30 slots wide so a few bars are not stretched nor jammed at the edge.
   */
  fitRecent(bars = 120): void {
    const range = fitRange(this.points, bars);
    if (range === null) return;
    this.chart.timeScale().setVisibleLogicalRange(range);
    // Exposed for the browser tests (bar width on screen after the fit).
    requestAnimationFrame(() => {
      if (!this.destroyed) this.container.dataset['barSpacing'] = this.barSpacing().toFixed(1);
    });
  }

  /**
   * Marks the series on screen and when its stored bars were drawn (page clock), so a browser
   * test can time a switch from the click to the right bars without polling storage.
   */
  markShown(key: string): void {
    this.container.dataset['series'] = key;
    this.container.dataset['shownAtMs'] = performance.now().toFixed(1);
  }

  /** Bars held (not empty slots). */
  barCount(): number {
    return this.byTime.size;
  }

  /** Open time of the oldest / newest bar held, or null when empty. */
  oldestTimeMs(): number | null {
    // Insertion order is time order: setHistory adds oldest first, apply only appends newer bars.
    const first = this.byTime.keys().next();
    return first.done === true ? null : first.value;
  }

  newestTimeMs(): number | null {
    return this.lastTimeMs === -Infinity ? null : this.lastTimeMs;
  }

  /**
   * Older bars scrolled into: adds them before the held ones and keeps the visible range where it
   * is. Past `maxBars` the newest bars (far off screen on the other side) are dropped; returns
   * how many were dropped, so the caller knows the chart left the live edge.
   */
  prependHistory(older: readonly Candle[], maxBars: number): number {
    const scale = this.chart.timeScale();
    const range = scale.getVisibleLogicalRange();
    const previousOldest = this.oldestTimeMs();
    const all = [...older, ...this.byTime.values()];
    const dropped = Math.max(0, all.length - maxBars);
    this.setHistory(dropped > 0 ? all.slice(0, all.length - dropped) : all);
    if (range !== null && previousOldest !== null) {
      // Logical indexes count from the oldest point: what was index 0 moved right by the added slots.
      const shift = scale.timeToIndex(Math.floor(previousOldest / 1000) as UTCTimestamp, true) ?? 0;
      scale.setVisibleLogicalRange({ from: range.from + shift, to: range.to + shift });
    }
    return dropped;
  }

  /** Shows `timeMs` near the right edge with about `bars` bars visible before it. */
  showTime(timeMs: number, bars = 120): void {
    const scale = this.chart.timeScale();
    const at = scale.timeToIndex(Math.floor(timeMs / 1000) as UTCTimestamp, true);
    if (at === null) return;
    scale.setVisibleLogicalRange({ from: at - bars * 0.75, to: at + bars * 0.25 });
  }

  /** Calls `near` whenever the visible range comes within `margin` slots of the oldest bar held. */
  onNearOldest(near: () => void, margin = 200): () => void {
    const listener = (range: { from: number; to: number } | null) => {
      if (range !== null && range.from < margin) near();
    };
    const scale = this.chart.timeScale();
    scale.subscribeVisibleLogicalRangeChange(listener);
    return () => scale.unsubscribeVisibleLogicalRangeChange(listener);
  }

  /** Width of one bar slot on screen, px. */
  barSpacing(): number {
    const scale = this.chart.timeScale();
    const range = scale.getVisibleLogicalRange();
    return range === null ? 0 : scale.width() / Math.max(1, range.to - range.from);
  }

  /** The candle series and chart, for the alert layer (price lines, the price under a right-click). */
  get priceSeries(): ISeriesApi<'Candlestick'> {
    return this.candles;
  }

  get api(): IChartApi {
    return this.chart;
  }

  /** Whether the bar opening at `timeMs` is loaded. */
  hasBar(timeMs: number): boolean {
    return this.byTime.has(timeMs);
  }

  /** The newest bar's close as the venue sent it, or null before the first bar. */
  newestClose(): string | null {
    return this.byTime.get(this.lastTimeMs)?.close ?? null;
  }

  /** Alert markers (bars that fired) drawn with the hole and gap markers. */
  setAlertMarkers(markers: readonly { timeMs: number; text: string; up: boolean }[]): void {
    this.alertMarkers = markers.map((m) => ({
      time: toTime(m.timeMs - (m.timeMs % this.lengthMs)),
      position: m.up ? 'belowBar' : 'aboveBar',
      color: this.palette.gap,
      shape: 'circle',
      text: m.text,
    }));
    this.showMarkers();
  }

  destroy(): void {
    this.destroyed = true;
    this.resize.disconnect();
    for (const o of this.overlays) o.detach();
    this.chart.remove();
  }

  private applyPalette(): void {
    const p = this.palette;
    this.chart.applyOptions({
      layout: {
        background: { type: ColorType.Solid, color: p.background },
        textColor: p.text,
        panes: { separatorColor: p.border },
      },
      grid: { vertLines: { color: p.grid }, horzLines: { color: p.grid } },
      rightPriceScale: { borderColor: p.border },
      timeScale: { borderColor: p.border },
    });
    this.candles.applyOptions({ upColor: p.up, downColor: p.down, wickUpColor: p.up, wickDownColor: p.down });
    this.volume.applyOptions({ color: p.downSoft });
    this.buyVolume.applyOptions({ color: p.upSoft });
    // Recolour stored bars' volume.
    if (this.byTime.size > 0) this.setHistory([...this.byTime.values()].sort((a, b) => a.openTimeMs - b.openTimeMs));
  }

  /** Detaches every overlay and attaches them again in order, each in-pane one in its own pane. */
  private relayout(): void {
    for (const o of this.overlays) o.detach();
    let pane = VOLUME_PANE + 1;
    for (const o of this.overlays) {
      const paneIndex = o.placement === 'overlay' ? 0 : pane++;
      o.attach({
        chart: this.chart,
        priceSeries: this.candles,
        paneIndex,
        palette: this.palette,
        pricePrecision: this.shownPrecision(),
      });
    }
    this.sizePanes();
  }

  /**
   * Pane heights in px through stretch factors (which survive resizes): volume and indicator
   * panes get what they asked for, the candles the rest (at least MIN_PRICE_HEIGHT).
   */
  sizePanes(): void {
    const panes = this.chart.panes();
    const total = this.container.clientHeight - this.chart.timeScale().height() - SEPARATOR * (panes.length - 1);
    const wanted = [0, VOLUME_HEIGHT, ...this.overlays.filter((o) => o.placement === 'pane').map((o) => o.paneHeight)];
    const others = wanted.slice(1).reduce((a, b) => a + b, 0);
    wanted[0] = Math.max(MIN_PRICE_HEIGHT, total - others);
    panes.forEach((pane, i) => pane.setStretchFactor(wanted[i] ?? DEFAULT_STRETCH));
    this.emitLegend();
  }

  private showMarkers(): void {
    const all = [...this.holeMarkers, ...this.gapMarkers, ...this.alertMarkers].sort(
      (a, b) => (a.time as number) - (b.time as number),
    );
    this.markers.setMarkers(all);
    // Exposed for the browser tests: stored gaps drawn on the chart.
    this.container.dataset['gapMarkers'] = String(this.gapMarkers.length);
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
        color: this.palette.hole,
        shape: 'circle',
        text: `no data ${hours} h`,
      });
      return [];
    }
    const out: WhitespaceData<UTCTimestamp>[] = [];
    for (let t = fromMs + this.lengthMs; t < toMs; t += this.lengthMs) out.push({ time: toTime(t) });
    return out;
  }

  private updatePrecision(candles: readonly Candle[]): void {
    if (candles.length === 0 && this.tick === undefined) return;
    // The newest bars decide (a long history may hold another era's tick).
    const recent = candles.slice(-500);
    this.usePrecision(
      pricePrecision(
        recent.flatMap((c) => [c.open, c.high, c.low, c.close]),
        this.tick,
      ),
    );
  }

  /** Live bars may carry more decimals than history showed (or there was no history). */
  private widenPrecision(c: Candle): void {
    const precision = pricePrecision([c.open, c.high, c.low, c.close], this.tick);
    if (precision > this.precision) this.usePrecision(precision);
  }

  private shownPrecision(): number {
    return this.precision < 0 ? 2 : this.precision;
  }

  private usePrecision(precision: number): void {
    if (precision === this.precision) return;
    this.precision = precision;
    // Read by the browser tests: the axis is a canvas.
    this.container.dataset['pricePrecision'] = String(precision);
    this.candles.applyOptions({ priceFormat: { type: 'price', precision, minMove: 10 ** -precision } });
    if (this.overlays.length > 0) this.relayout();
  }

  private onCrosshair(p: MouseEventParams): void {
    this.hoverTimeMs = p.time === undefined ? null : (p.time as number) * 1000;
    this.emitLegend();
  }

  private emitLegend(): void {
    const at = this.hoverTimeMs;
    const bar = this.byTime.get(at ?? this.lastTimeMs);
    const heights = this.chart.panes().map((pane) => pane.getHeight());
    const topOf = (index: number) => heights.slice(0, index).reduce((sum, h) => sum + h + SEPARATOR, 0);
    const price: LegendGroup[] = [];
    const panes: { top: number; group: LegendGroup }[] = [];
    let pane = VOLUME_PANE + 1;
    for (const o of this.overlays) {
      const group = o.legend(at);
      const index = o.placement === 'overlay' ? 0 : pane++;
      if (group === null) continue;
      if (index === 0) price.push(group);
      else panes.push({ top: topOf(index), group });
    }
    this.onLegend({
      bar: bar === undefined ? null : this.legendOf(bar),
      price,
      volumeTop: topOf(VOLUME_PANE),
      panes,
    });
  }

  private legendOf(c: Candle): LegendBar {
    const p = this.shownPrecision();
    return {
      timeMs: c.openTimeMs,
      time: formatBarTime(c.openTimeMs, this.timeframe),
      open: formatPrice(c.open, p),
      high: formatPrice(c.high, p),
      low: formatPrice(c.low, p),
      close: formatPrice(c.close, p),
      volume: c.volume,
      buyVolume: c.buyVolume,
      sellVolume: c.sellVolume,
      trades: c.trades,
    };
  }

  private volumeData(c: Candle): HistogramData<UTCTimestamp> {
    return { time: toTime(c.openTimeMs), value: Number(c.volume), color: this.palette.downSoft };
  }

  private buyData(c: Candle): HistogramData<UTCTimestamp> {
    return { time: toTime(c.openTimeMs), value: Number(c.buyVolume), color: this.palette.upSoft };
  }
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
