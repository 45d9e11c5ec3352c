import type { IChartApi, ISeriesApi, UTCTimestamp } from 'lightweight-charts';
import type { ChartPalette } from './chart-palette';

/** One named value in a legend; `value` is exact, `text` is what is shown. */
export interface LegendValue {
  readonly name: string;
  readonly value: number | null;
  readonly text: string;
  readonly color: string;
}

export interface LegendGroup {
  readonly id: string;
  readonly label: string;
  readonly values: readonly LegendValue[];
}

/** What an overlay gets from the chart it draws on. */
export interface OverlayHost {
  readonly chart: IChartApi;
  /** The candles (markers attach to them). */
  readonly priceSeries: ISeriesApi<'Candlestick'>;
  /** 0 is the price pane; an overlay with its own pane gets the index it was given. */
  readonly paneIndex: number;
  readonly palette: ChartPalette;
  /** Display precision of the instrument's prices (for values on the price scale). */
  readonly pricePrecision: number;
}

/**
 * Anything drawn with the candles from rows the worker computes: indicators today, forecast
 * bands and anomaly markers later. The chart attaches overlays in pane order and re-attaches
 * them when panes change, so an overlay keeps its own rows and redraws them on `attach`.
 */
export interface ChartOverlay<Row = unknown> {
  readonly id: string;
  /** On the candles' pane, or in a pane of its own. */
  readonly placement: 'overlay' | 'pane';
  /** Wanted height of its own pane, px. */
  readonly paneHeight: number;
  attach(host: OverlayHost): void;
  /** Replaces every row (history rebuilt). */
  setHistory(rows: readonly Row[]): void;
  /** Adds or replaces rows (the forming bar, late corrections). */
  apply(rows: readonly Row[]): void;
  detach(): void;
  /** Values at a bar (the crosshair's), or the newest when `timeMs` is null. */
  legend(timeMs: number | null): LegendGroup | null;
}

export function toTime(openTimeMs: number): UTCTimestamp {
  return (openTimeMs / 1000) as UTCTimestamp;
}
