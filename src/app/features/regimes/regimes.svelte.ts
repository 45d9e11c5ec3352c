import { timeframeMs } from '../../../core/candles/timeframe';
import {
  REGIMES_VERSION,
  type ForecastSeries,
  type RegimeUpdate,
} from '../../../core/models/forecasting/forecast-types';
import { alignRegime } from '../../../core/models/regimes/regime-align';
import { seriesId } from '../../../core/models/scoring/score-row';
import type { RegimeState } from '../../../core/models/signals/signal';
import type { StoredRegime } from '../../../data/forecast-types';
import type { AppStorage } from '../../../data/open-storage';
import { readRegimes, recentRegimes } from '../../../data/regime-store';
import { regimesOfStored } from '../../../data/regime-rows';
import type { ChartSession, HeldRange } from '../../state/chart-session';
import { HISTORY_BARS } from '../chart/chart-history';
import { RegimeShadingOverlay } from './regime-shading';

/**
 * The regimes of the chart's series: the newest filtered state for the panel and every closed
 * bar's for the shading behind the candles. The model worker stores each state it sends, so the
 * stored ones are read when a series is shown (and for a range held in review or scrolled back):
 * a reload and offline review shade the bars at once; the worker's fit then restates them.
 */
export class RegimeView {
  latest = $state.raw<RegimeState | null>(null);
  names = $state.raw<readonly string[]>([]);
  /** The shading is drawn (the panel's toggle). */
  shaded = $state(true);
  private readonly overlay = new RegimeShadingOverlay();
  private series: ForecastSeries | null = null;
  private token = 0;
  /** The first read of the series shown (its newest stored rows). */
  private loaded: Promise<void> = Promise.resolve();
  /** Stored rows from this open time on are shown (Infinity: none read). */
  private readFromMs = Infinity;

  constructor(
    private readonly storage: Promise<AppStorage>,
    private readonly chart: ChartSession,
  ) {
    chart.onHeldRange((range) => void this.showRange(range));
    $effect.root(() => {
      $effect(() => {
        if (this.shaded) chart.pin(this.overlay);
        else chart.unpin(this.overlay.id);
      });
    });
  }

  /** The chart's series changed: its newest stored regimes are shown until the worker's fit. */
  show(series: ForecastSeries | null): Promise<void> {
    this.series = series;
    this.latest = null;
    this.names = [];
    this.readFromMs = Infinity;
    this.overlay.setNames([]);
    this.overlay.setHistory([]);
    this.chart.overlaysChanged();
    const token = ++this.token;
    this.loaded = series === null ? Promise.resolve() : this.load(series, token);
    return this.loaded;
  }

  receive(update: RegimeUpdate): void {
    if (this.series === null || seriesId(update) !== seriesId(this.series)) return;
    this.setNames(update.names);
    // A refit restates every bar it was fitted on; older stored bars keep their shading.
    this.overlay.apply(update.rows);
    const newest = update.rows[update.rows.length - 1];
    if (update.reset) this.latest = newest ?? this.latest;
    else if (newest !== undefined && (this.latest === null || newest.openTimeMs >= this.latest.openTimeMs))
      this.latest = newest;
    this.chart.overlaysChanged();
  }

  private async load(series: ForecastSeries, token: number): Promise<void> {
    const { db } = await this.storage;
    const stored = await recentRegimes(db, series, REGIMES_VERSION, HISTORY_BARS);
    if (token !== this.token) return;
    // No stored row at all: no older range has any either.
    this.readFromMs = stored[0]?.openTimeMs ?? -Infinity;
    this.merge(stored);
  }

  /** Scrolled back or reviewing stored history: the stored regimes of the range held. */
  private async showRange(range: HeldRange): Promise<void> {
    const series = this.series;
    if (series === null || seriesId(range) !== seriesId(series)) return;
    const token = this.token;
    await this.loaded;
    const toMs = range.toMs ?? Infinity;
    // Rows from the first read's oldest on are shown already (and kept up by the worker).
    if (token !== this.token || range.fromMs >= this.readFromMs) return;
    const { db } = await this.storage;
    const barMs = timeframeMs(range.timeframe);
    const stored = await readRegimes(
      db,
      series,
      REGIMES_VERSION,
      range.fromMs - barMs,
      Math.min(toMs, this.readFromMs),
    );
    if (token !== this.token) return;
    if (toMs >= this.readFromMs) this.readFromMs = Math.min(this.readFromMs, range.fromMs);
    this.merge(stored);
  }

  /** Stored rows drawn under the names shown (the stored newest fit's while the worker has not fitted). */
  private merge(stored: readonly StoredRegime[]): void {
    if (stored.length === 0) return;
    const fromStore = regimesOfStored(stored);
    if (this.names.length === 0) this.setNames(fromStore.names);
    const rows = fromStore.rows.flatMap((r) => alignRegime(r, fromStore.names, this.names) ?? []);
    // Rows the worker already sent are newer than the stored ones of the same bar.
    this.overlay.apply(rows.filter((r) => !this.overlay.has(r.openTimeMs)));
    const newest = rows[rows.length - 1];
    if (newest !== undefined && (this.latest === null || newest.openTimeMs > this.latest.openTimeMs))
      this.latest = newest;
    this.chart.overlaysChanged();
  }

  /** New names from a fit: the rows shown are relabelled by name (EM's state order is arbitrary). */
  private setNames(names: readonly string[]): void {
    const before = this.names;
    this.names = names;
    this.overlay.setNames(names);
    if (before.length === 0 || (before.length === names.length && before.every((n, i) => n === names[i]))) return;
    this.overlay.setHistory(this.overlay.rows().flatMap((r) => alignRegime(r, before, names) ?? []));
    const latest = this.latest === null ? null : alignRegime(this.latest, before, names);
    this.latest = latest;
  }
}
