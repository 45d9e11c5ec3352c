import type { ForecastSeries, RegimeUpdate } from '../../../core/models/forecasting/forecast-types';
import { seriesId } from '../../../core/models/scoring/score-row';
import type { RegimeState } from '../../../core/models/signals/signal';
import type { ChartSession } from '../../state/chart-session';
import { RegimeShadingOverlay } from './regime-shading';

/**
 * The regimes of the chart's series, from the model worker that forecasts it: the newest
 * filtered state for the panel and every closed bar's for the shading behind the candles.
 * Kept in memory only: after a reload the shading returns with the worker's next fit.
 */
export class RegimeView {
  latest = $state.raw<RegimeState | null>(null);
  names = $state.raw<readonly string[]>([]);
  /** The shading is drawn (the panel's toggle). */
  shaded = $state(true);
  private readonly overlay = new RegimeShadingOverlay();
  private series: ForecastSeries | null = null;

  constructor(private readonly chart: ChartSession) {
    $effect.root(() => {
      $effect(() => {
        if (this.shaded) chart.pin(this.overlay);
        else chart.unpin(this.overlay.id);
      });
    });
  }

  /** The chart's series changed: nothing is known of its regimes until the worker's fit. */
  show(series: ForecastSeries | null): void {
    this.series = series;
    this.latest = null;
    this.names = [];
    this.overlay.setNames([]);
    this.overlay.setHistory([]);
    this.chart.overlaysChanged();
  }

  receive(update: RegimeUpdate): void {
    if (this.series === null || seriesId(update) !== seriesId(this.series)) return;
    this.names = update.names;
    this.overlay.setNames(update.names);
    if (update.reset) this.overlay.setHistory(update.rows);
    else this.overlay.apply(update.rows);
    const newest = update.rows[update.rows.length - 1];
    if (update.reset) this.latest = newest ?? null;
    else if (newest !== undefined && (this.latest === null || newest.openTimeMs >= this.latest.openTimeMs))
      this.latest = newest;
    this.chart.overlaysChanged();
  }
}
