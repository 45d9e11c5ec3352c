import type { AnalyticsView } from '../../core/analytics/analytics-view';
import type { TimeframeId } from '../../core/candles/timeframe';
import type { InstrumentKey } from '../../core/exchange/types';
import { completeParams, findIndicator } from '../../core/indicators/catalog';
import {
  clampHeight,
  DEFAULT_PANE_HEIGHT,
  movePane,
  nextColor,
  specOf,
  type IndicatorOnChart,
} from '../features/indicators/indicator-list';

/**
 * What the desk shows: the instrument, the timeframe and the indicators with their panes.
 * Everything a saved layout will hold lives here.
 */
export class DeskLayout {
  /** The instrument the chart follows, "venue:SYMBOL". */
  selected = $state('binance-spot:BTCUSDT');
  timeframe = $state<TimeframeId>('1m');
  /** In pane order; overlays sit on the candles wherever they are in the list. */
  indicators = $state.raw<readonly IndicatorOnChart[]>([]);
  private nextId = 1;
  private viewId = 0;

  /** Adds an instance (defaults filled in) and returns its id. */
  addIndicator(name: string, params: readonly number[] = []): string {
    const definition = findIndicator(name);
    if (definition === undefined) throw new Error(`unknown indicator ${name}`);
    const id = `ind-${this.nextId++}`;
    this.indicators = [
      ...this.indicators,
      {
        id,
        name,
        params: completeParams(definition, params),
        color: nextColor(this.indicators),
        height: DEFAULT_PANE_HEIGHT,
      },
    ];
    return id;
  }

  updateIndicator(id: string, patch: Partial<Pick<IndicatorOnChart, 'params' | 'color' | 'height'>>): void {
    this.indicators = this.indicators.map((x) =>
      x.id === id
        ? { ...x, ...patch, ...(patch.height !== undefined ? { height: clampHeight(patch.height) } : {}) }
        : x,
    );
  }

  removeIndicator(id: string): void {
    this.indicators = this.indicators.filter((x) => x.id !== id);
  }

  movePane(id: string, delta: -1 | 1): void {
    this.indicators = movePane(this.indicators, id, delta);
  }

  /** Puts back a saved layout's chart (indicators already checked against the registry). */
  restore(saved: { selected: string; timeframe: TimeframeId; indicators: readonly IndicatorOnChart[] }): void {
    this.selected = saved.selected;
    this.timeframe = saved.timeframe;
    this.indicators = saved.indicators.map((x) => ({ ...x, params: [...x.params], height: clampHeight(x.height) }));
    // New instances must not reuse a restored id.
    for (const x of saved.indicators) {
      const n = /^ind-(\d+)$/.exec(x.id);
      if (n !== null) this.nextId = Math.max(this.nextId, Number(n[1]) + 1);
    }
  }

  /** The worker's view of this layout for the series on screen; a new id every call. */
  analyticsView(key: InstrumentKey): AnalyticsView {
    return {
      viewId: ++this.viewId,
      key,
      timeframe: this.timeframe,
      indicators: this.indicators.map((x) => ({ id: x.id, spec: specOf(x) })),
    };
  }
}
