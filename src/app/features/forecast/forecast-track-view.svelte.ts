import { timeframeMs } from '../../../core/candles/timeframe';
import {
  FORECASTS_VERSION,
  type ForecastRun,
  type ForecastSeries,
} from '../../../core/models/forecasting/forecast-types';
import { seriesId } from '../../../core/models/scoring/score-row';
import { forecastsOfTargets } from '../../../data/forecast-store';
import type { AppStorage } from '../../../data/open-storage';
import type { ChartSession, HeldRange } from '../../state/chart-session';
import { HISTORY_BARS } from '../chart/chart-history';
import { ForecastTrackOverlay, type TrackedForecast } from './forecast-track';

/**
 * The stored one-bar-ahead forecasts of the bars on the chart: the newest bars' when a series is
 * shown, the held range's when it is scrolled back or reviewed (offline too), and each new run's
 * as it arrives. The forecasts are keyed to the bar they target, so any range is one index read.
 */
export class ForecastTrackView {
  /** The intervals are drawn (the panel's toggle). */
  drawn = $state(true);
  private readonly overlay = new ForecastTrackOverlay();
  private series: ForecastSeries | null = null;
  private token = 0;
  /** Stored forecasts of bars from this open time on are drawn and kept up by the runs received. */
  private readFromMs = Infinity;
  /** Forecasts received while a read is in flight (applied over what it returns). */
  private pending: TrackedForecast[] | null = null;

  constructor(
    private readonly storage: Promise<AppStorage>,
    private readonly chart: ChartSession,
  ) {
    chart.onHeldRange((range) => this.showRange(range));
    $effect.root(() => {
      $effect(() => {
        if (this.drawn) chart.pin(this.overlay);
        else chart.unpin(this.overlay.id);
      });
    });
  }

  show(series: ForecastSeries | null): void {
    this.series = series;
    this.readFromMs = Infinity;
    this.pending = null;
    this.overlay.setHistory([]);
    if (series === null) return;
    void this.load(series, Date.now() - HISTORY_BARS * timeframeMs(series.timeframe), Infinity);
  }

  /** The model whose intervals are drawn (the band's). */
  showModel(model: string): void {
    this.overlay.show(model);
  }

  /** A new run: its next-bar step of every model is that bar's forecast. */
  receive(run: ForecastRun): void {
    if (this.series === null || seriesId(run) !== seriesId(this.series)) return;
    const targetTimeMs = run.originTimeMs + timeframeMs(run.timeframe);
    const rows = run.models.flatMap((m) => {
      const step = m.steps.find((s) => s.horizon === 1);
      return step === undefined ? [] : [{ targetTimeMs, model: m.name, ...step }];
    });
    this.pending?.push(...rows);
    this.overlay.apply(rows);
  }

  private showRange(range: HeldRange): void {
    const series = this.series;
    if (series === null || seriesId(range) !== seriesId(series)) return;
    // Following the live edge with the range read already: the runs received keep it up.
    if (range.toMs === null && range.fromMs >= this.readFromMs) return;
    void this.load(series, range.fromMs, range.toMs ?? Infinity);
  }

  private async load(series: ForecastSeries, fromMs: number, toMs: number): Promise<void> {
    const token = ++this.token;
    this.pending = [];
    const { db } = await this.storage;
    const stored = await forecastsOfTargets(db, series, FORECASTS_VERSION, 1, fromMs, toMs);
    if (token !== this.token) return;
    this.readFromMs = toMs === Infinity ? fromMs : Infinity;
    this.overlay.setHistory(stored);
    this.overlay.apply(this.pending ?? []);
    this.pending = null;
    this.chart.overlaysChanged();
  }
}
