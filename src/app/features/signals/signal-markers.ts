import {
  createSeriesMarkers,
  LineStyle,
  type IPriceLine,
  type ISeriesMarkersPluginApi,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { Signal } from '../../../core/models/signals/signal';
import { toTime, type ChartOverlay, type LegendGroup, type OverlayHost } from '../chart/chart-overlay';
import { percentText } from './signal-format';

/**
 * BUY/SELL signals on the candles: ▲ below the bar for BUY, ▼ above for SELL, labelled with the
 * calibrated confidence; the newest signal's stop and target are price lines. HOLDs are not drawn.
 */
export class SignalMarkersOverlay implements ChartOverlay<Signal> {
  readonly id = 'signal-markers';
  readonly placement = 'overlay' as const;
  readonly paneHeight = 0;
  private readonly byTime = new Map<number, Signal>();
  private host: OverlayHost | null = null;
  private plugin: ISeriesMarkersPluginApi<Time> | null = null;
  private lines: IPriceLine[] = [];

  attach(host: OverlayHost): void {
    this.host = host;
    this.plugin = createSeriesMarkers(host.priceSeries, []);
    this.redraw();
  }

  setHistory(rows: readonly Signal[]): void {
    this.byTime.clear();
    this.apply(rows);
  }

  apply(rows: readonly Signal[]): void {
    for (const s of rows) if (s.action !== 'HOLD') this.byTime.set(s.openTimeMs, s);
    this.redraw();
  }

  /** Drawn signals, oldest first. */
  rows(): Signal[] {
    return [...this.byTime.values()].sort((a, b) => a.openTimeMs - b.openTimeMs);
  }

  detach(): void {
    this.clearLines();
    this.plugin?.detach();
    this.plugin = null;
    this.host = null;
  }

  legend(timeMs: number | null): LegendGroup | null {
    const s = timeMs === null ? undefined : this.byTime.get(timeMs);
    if (s === undefined || this.host === null) return null;
    const color = s.action === 'BUY' ? this.host.palette.up : this.host.palette.down;
    return {
      id: this.id,
      label: 'Signal',
      values: [{ name: s.action, value: s.confidence, text: `${s.action} ${percentText(s.confidence)}`, color }],
    };
  }

  private redraw(): void {
    const host = this.host;
    if (host === null) return;
    const { up, down } = host.palette;
    const rows = this.rows();
    const markers: SeriesMarker<Time>[] = rows.map((s) => ({
      time: toTime(s.openTimeMs) as UTCTimestamp,
      position: s.action === 'BUY' ? 'belowBar' : 'aboveBar',
      shape: s.action === 'BUY' ? 'arrowUp' : 'arrowDown',
      color: s.action === 'BUY' ? up : down,
      text: `${s.action} ${percentText(s.confidence)}`,
    }));
    this.plugin?.setMarkers(markers);
    this.clearLines();
    const newest = rows[rows.length - 1];
    if (newest === undefined) return;
    const line = (price: number, title: string, color: string) =>
      host.priceSeries.createPriceLine({ price, title, color, lineStyle: LineStyle.Dashed, lineWidth: 1 });
    this.lines = [line(newest.stop, 'stop', down), line(newest.target, 'target', up)];
  }

  private clearLines(): void {
    for (const l of this.lines) this.host?.priceSeries.removePriceLine(l);
    this.lines = [];
  }
}
