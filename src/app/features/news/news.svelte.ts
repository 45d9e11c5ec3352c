import type { AlertInput } from '../../../core/alerts/input';
import type { AlertRule } from '../../../core/alerts/rule';
import type { InstrumentKey } from '../../../core/exchange/types';
import type { TimeframeId } from '../../../core/candles/timeframe';
import { restBaseFor } from '../../../core/feed/venue-endpoints';
import {
  finnhubRequestsFor,
  isAbout,
  newsTopic,
  PollSchedule,
  pollPausedBecause,
  sentimentAlertInput,
  sentimentAlertInputs,
  unsentInputs,
  sentimentSeries,
  type FinnhubNewsRequest,
  type NewsTopic,
  type SentMark,
  type SentimentAlertInput,
  type SentimentBar,
} from '../../../core/news';
import type { TapewatchDb } from '../../../data/db';
import { NEWS_RETENTION_MS, NewsStore } from '../../../data/news-store';
import type { StoredNewsArticle } from '../../../data/news-types';
import type { CandleChart } from '../chart/candle-chart';
import type { AppSettings } from '../../state/settings';
import { finnhubTokenOriginFor } from '../../state/settings';
import { newsWorker } from './news-client';
import { SENTIMENT_OVERLAY_ID, SentimentOverlay } from './sentiment-overlay';

/** What the news panel says about the source, in words. */
export type NewsStatus =
  | { readonly kind: 'no-token' }
  | { readonly kind: 'paused'; readonly why: string }
  | { readonly kind: 'loading' }
  | { readonly kind: 'ok'; readonly atMs: number }
  | { readonly kind: 'limited'; readonly retryMs: number }
  | { readonly kind: 'error'; readonly detail: string; readonly retryMs: number };

/** How often followers (tabs that do not poll) read what the leader stored. */
const FOLLOW_MS = 15_000;
const EVICT_EVERY_MS = 3_600_000;

/**
 * News for the watch list: polls Finnhub through the news worker while this tab is the feed's
 * leader and the page is visible (so one browser makes one set of calls, within Finnhub's rate
 * limit), stores the scored articles, rebuilds the sentiment series of the instrument on screen
 * and draws it in the chart's sentiment pane.
 */
export class NewsState {
  /** Articles about the instrument on screen, newest first. */
  related = $state.raw<StoredNewsArticle[]>([]);
  /** Market headlines (general and the categories the watch list needs), newest first. */
  market = $state.raw<StoredNewsArticle[]>([]);
  series = $state.raw<SentimentBar[]>([]);
  status = $state.raw<NewsStatus>({ kind: 'no-token' });
  topic = $state.raw<NewsTopic | null>(null);

  private store: NewsStore | null = null;
  private settings: AppSettings | null = null;
  private instrument = '';
  private timeframe: TimeframeId = '1m';
  private leader = false;
  private readonly schedule = new PollSchedule();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private followTimer: ReturnType<typeof setInterval> | null = null;
  private lastEvictMs = 0;
  private readonly overlay = new SentimentOverlay();
  private chart: CandleChart | null = null;
  private running = false;
  private readonly visibility = () => this.wake();
  private rules: readonly AlertRule[] = [];
  /** Per instrument and timeframe, the newest bar already given to the alert engine. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
  private readonly sent = new Map<string, SentMark>();

  /**
   * `toAlerts` hands sentiment inputs to the leader's alert engine (the feed worker's
   * `alertInput`); only the leader calls it.
   */
  constructor(
    private readonly db: Promise<TapewatchDb | null>,
    private readonly toAlerts: (inputs: readonly AlertInput[]) => void = () => undefined,
  ) {}

  start(): void {
    document.addEventListener('visibilitychange', this.visibility);
    this.followTimer = setInterval(() => {
      if (!this.leader) void this.refresh();
    }, FOLLOW_MS);
    void this.db.then((db) => {
      if (db !== null) this.store = new NewsStore(db);
      void this.refresh();
      this.wake();
    });
  }

  stop(): void {
    document.removeEventListener('visibilitychange', this.visibility);
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.followTimer !== null) clearInterval(this.followTimer);
    this.timer = null;
  }

  /** The sentiment pane, registered once on the chart. */
  attachChart(chart: CandleChart): void {
    this.chart = chart;
    if (chart.overlay(SENTIMENT_OVERLAY_ID) === undefined) chart.addOverlay(this.overlay);
    this.overlay.setHistory(this.series);
    chart.overlaysChanged();
  }

  setSettings(settings: AppSettings | null, leader: boolean): void {
    this.settings = settings;
    this.leader = leader;
    const topics = this.topics();
    this.schedule.setRequests(
      topics.length > 0 && this.hasToken() ? finnhubRequestsFor(topics, Date.now()) : [],
      Date.now(),
    );
    this.wake();
  }

  /** The alert rules: an enabled sentiment rule keeps the news polled while the page is hidden. */
  setRules(rules: readonly AlertRule[]): void {
    this.rules = rules;
    this.wake();
  }

  show(instrument: string, timeframe: TimeframeId): void {
    if (instrument === this.instrument && timeframe === this.timeframe) return;
    this.instrument = instrument;
    this.timeframe = timeframe;
    this.topic = newsTopic(instrument);
    void this.refresh();
  }

  /** The input of a "sentiment beyond x with at least n articles in a window" rule for the instrument on screen. */
  alertInput(windowMs: number, nowMs = Date.now()): SentimentAlertInput {
    return sentimentAlertInput(this.instrument, this.series, nowMs, windowMs);
  }

  private topics(): NewsTopic[] {
    const list = this.settings?.instruments ?? [];
    return list.map(newsTopic).filter((t): t is NewsTopic => t !== null);
  }

  private hasToken(): boolean {
    return (this.settings?.finnhubToken ?? '') !== '';
  }

  /** Why this tab does not poll now, or null when it should. */
  private pausedBecause(): string | null {
    return pollPausedBecause(this.leader, document.visibilityState === 'visible', this.rules);
  }

  /** Runs the next due request now if there is one, else sleeps until one is due. */
  private wake(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (!this.hasToken()) {
      this.status = { kind: 'no-token' };
      return;
    }
    const paused = this.pausedBecause();
    if (paused !== null) {
      this.status = { kind: 'paused', why: paused };
      return;
    }
    if (this.running) return;
    const { request, waitMs } = this.schedule.due(Date.now());
    if (request === null) {
      this.timer = setTimeout(() => this.wake(), waitMs);
      return;
    }
    this.running = true;
    void this.poll(request).finally(() => {
      this.running = false;
      // wake() asks the schedule, which keeps the spacing between calls.
      this.timer = setTimeout(() => this.wake(), 0);
    });
  }

  private async poll(request: FinnhubNewsRequest): Promise<void> {
    const settings = this.settings;
    if (settings === null) return;
    if (this.status.kind === 'no-token' || this.status.kind === 'paused') this.status = { kind: 'loading' };
    const access = {
      restBase: restBaseFor('finnhub', settings.endpoints.finnhub),
      token: settings.finnhubToken,
      tokenOrigin: finnhubTokenOriginFor(settings),
    };
    const result = await newsWorker().fetchNews(request, access);
    const now = Date.now();
    const outcome = result.status === 'ok' ? 'ok' : result.status === 'rate-limited' ? 'rate-limited' : 'failed';
    const retryMs = this.schedule.done(request, outcome, now);
    if (result.status === 'ok') this.status = { kind: 'ok', atMs: now };
    else if (result.status === 'rate-limited') this.status = { kind: 'limited', retryMs };
    else this.status = { kind: 'error', detail: result.detail, retryMs };
    if (this.store !== null && result.articles.length > 0) {
      await this.store.put(result.articles, now);
      if (now - this.lastEvictMs > EVICT_EVERY_MS) {
        this.lastEvictMs = now;
        await this.store.evict(now);
      }
    }
    await this.refresh();
  }

  /** Gives the alert engine the bars of a rebuilt series it has not seen (see `unsentInputs`). */
  private judge(instrument: InstrumentKey, series: readonly SentimentBar[]): void {
    const scope = `${instrument}|${this.timeframe}`;
    const all = sentimentAlertInputs(instrument, this.timeframe, series, Date.now());
    const { send, mark } = unsentInputs(all, this.sent.get(scope));
    if (mark !== undefined) this.sent.set(scope, mark);
    if (send.length > 0) this.toAlerts(send);
  }

  /** Reads the stored articles again and rebuilds (and stores) the series on screen. */
  private async refresh(): Promise<void> {
    const store = this.store;
    const topic = this.topic;
    if (store === null) return;
    const since = Date.now() - NEWS_RETENTION_MS;
    const all = await store.recent(since, 2_000);
    const related = topic === null ? [] : all.filter((a) => isAbout(a, topic));
    const series = sentimentSeries(related, this.timeframe);
    if (topic !== null && this.leader) {
      await store.putSeries(topic.instrument, this.timeframe, series);
      this.judge(topic.instrument as InstrumentKey, series);
    }
    const wanted: readonly string[] = ['general', ...this.topics().map((t) => t.kind)];
    this.related = related.slice(0, 50);
    this.market = all.filter((a) => wanted.includes(a.category) && !related.includes(a)).slice(0, 30);
    this.series = series;
    this.overlay.setHistory(series);
    this.chart?.overlaysChanged();
  }
}
