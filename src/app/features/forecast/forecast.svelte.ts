import type { FeedBatch } from '../../../core/feed/feed-controller';
import {
  FORECASTS_VERSION,
  type ForecastRun,
  type ForecastSeries,
  type ForecastStatus,
} from '../../../core/models/forecasting/forecast-types';
import { seriesId } from '../../../core/models/scoring/score-row';
import { latestForecastRun } from '../../../data/forecast-store';
import { runOfStored } from '../../../data/forecast-rows';
import type { AppStorage } from '../../../data/open-storage';
import type { ChartSession } from '../../state/chart-session';
import type { Role } from '../../worker-clients/feed-leadership';
import { ModelClient } from '../../worker-clients/model-client';
import { afterFirstBars } from '../../startup/first-bars';
import { ForecastBandOverlay } from './forecast-band';
import { shownModel } from './forecast-format';
import { SignalFeed } from '../signals/signal-feed.svelte';
import { RegimeView } from '../regimes/regimes.svelte';
import { ForecastTrackView } from './forecast-track-view.svelte';
import type { SentimentBar } from '../../../core/news/sentiment-series';
import { untrack } from 'svelte';

interface Feed {
  readonly role: Role;
  onBatch(listener: (batch: FeedBatch) => void): () => void;
}

/**
 * The desk's forecasts of the chart's series: a model worker of their own in the leader tab
 * (fed the feed's closed bars), its status for the model panel and the band on the chart. The
 * newest stored run is read from IndexedDB when a series is shown, so a reload or offline review
 * shows the last forecast at once.
 */
export class ForecastState {
  status = $state.raw<ForecastStatus | null>(null);
  run = $state.raw<ForecastRun | null>(null);
  private client: ModelClient | null = null;
  private role: Role = 'follower';
  private readonly band = new ForecastBandOverlay();
  /** Each held bar's one-bar-ahead interval, from the stored forecasts targeting it. */
  readonly track: ForecastTrackView;
  /** The decision layer's signals, made by the same worker after each forecast. */
  readonly signals: SignalFeed;
  /** The regime HMM's filtered states, from the same worker after its fit. */
  readonly regimes: RegimeView;
  private series: ForecastSeries | null = null;
  private token = 0;

  constructor(
    private readonly storage: Promise<AppStorage>,
    feed: Feed,
    private readonly chart: ChartSession,
    series: () => ForecastSeries | null,
    /** The news sentiment per bar of the instrument and timeframe on screen (the news panel's). */
    private readonly sentiment: () => readonly SentimentBar[] = () => [],
  ) {
    chart.pin(this.band);
    this.track = new ForecastTrackView(storage, chart);
    this.signals = new SignalFeed(storage, chart);
    this.regimes = new RegimeView(storage, chart);
    feed.onBatch((batch) => {
      if (this.client !== null && batch.updates.length > 0) void this.client.api.forecastBars(batch.updates);
    });
    $effect.root(() => {
      $effect(() => void this.setRole(feed.role));
      $effect(() => void this.show(series()));
      // Sentiment is a signal input: the worker gets each rebuilt series of the chart's bars.
      $effect(() => this.sendSentiment(this.sentiment()));
    });
  }

  private async setRole(role: Role): Promise<void> {
    this.role = role;
    if (role === 'leader' && this.client === null) {
      // The model worker (and TF.js, which the network needs) is not needed for the first bars.
      await afterFirstBars();
      const { persistent } = await this.storage;
      if (this.role !== 'leader' || this.client !== null) return;
      this.client = new ModelClient(!persistent, (m) => {
        if (m.forecastStatus !== undefined) this.setStatus(m.forecastStatus);
        if (m.forecast !== undefined) this.receive(m.forecast);
        if (m.signal !== undefined) this.signals.receive(m.signal.series, m.signal.signal);
        if (m.signalsReplayed !== undefined) {
          const { series, added, backtest } = m.signalsReplayed;
          void this.signals.replayed(series, added, backtest);
        }
        if (m.regimes !== undefined) this.regimes.receive(m.regimes);
      });
      void this.client.api.setForecastScope(this.series);
      this.sendSentiment(untrack(this.sentiment));
    } else if (role === 'follower' && this.client !== null) {
      this.client.terminate();
      this.client = null;
    }
  }

  private sendSentiment(bars: readonly SentimentBar[]): void {
    const series = this.series;
    if (this.client === null || series === null) return;
    const points = bars.map((b) => ({ openTimeMs: b.openTimeMs, score: b.score }));
    void this.client.api.forecastSentiment(series, points);
  }

  private async show(next: ForecastSeries | null): Promise<void> {
    const series = next === null ? null : ($state.snapshot(next) as ForecastSeries);
    if (series !== null && this.series !== null && seriesId(series) === seriesId(this.series)) return;
    this.series = series;
    this.run = null;
    this.band.setHistory([]);
    this.track.show(series);
    void this.client?.api.setForecastScope(series);
    void this.signals.show(series);
    void this.regimes.show(series);
    if (series === null) return;
    const token = ++this.token;
    const { db } = await this.storage;
    const stored = runOfStored(await latestForecastRun(db, series, FORECASTS_VERSION));
    if (token !== this.token || stored === null) return;
    if (this.run === null) this.receive(stored);
  }

  private receive(run: ForecastRun): void {
    if (this.series === null || seriesId(run) !== seriesId(this.series)) return;
    this.track.receive(run);
    if (this.run !== null && run.originTimeMs < this.run.originTimeMs) return;
    this.run = run;
    this.band.apply([run]);
    this.chart.overlaysChanged();
  }

  private setStatus(status: ForecastStatus): void {
    this.status = status;
    this.band.show(shownModel(status));
    this.track.showModel(shownModel(status));
    this.chart.overlaysChanged();
  }
}
