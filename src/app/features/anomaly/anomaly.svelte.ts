import { timeframeMs, type TimeframeId } from '../../../core/candles/timeframe';
import type { FeedBatch } from '../../../core/feed/feed-controller';
import { SCORES_VERSION, seriesId, type ScoreRow } from '../../../core/models/scoring/score-row';
import type { ModelStatus } from '../../../core/models/scoring/model-status';
import { severityOf } from '../../../core/models/scoring/severity';
import type { ScoredSeries } from '../../../core/models/scoring/anomaly-service';
import { readAnomalyScores, recentAnomalies } from '../../../data/anomaly-score-store';
import type { AppStorage } from '../../../data/open-storage';
import type { ModelMessage } from '../../../../workers/model.worker';
import type { Role } from '../../worker-clients/feed-leadership';
import { ModelClient } from '../../worker-clients/model-client';
import type { ChartSession, HeldRange } from '../../state/chart-session';
import { HISTORY_BARS } from '../chart/chart-history';
import { afterFirstBars } from '../../startup/first-bars';
import { AnomalyMarkersOverlay, type MarkerSpot } from './anomaly-markers';
import { AnomalyScorePane } from './anomaly-score-pane';

const CHANNEL = 'tapewatch-model';
/** Entries of the recent-anomalies list. */
const RECENT = 20;

/** What the desk scores: the chart's series and the watch list's instruments (as drawn: demo stand-ins on demo data). */
export interface AnomalyView {
  readonly chart: ScoredSeries;
  readonly others: readonly ScoredSeries[];
}

interface Feed {
  readonly role: Role;
  onBatch(listener: (batch: FeedBatch) => void): () => void;
}

/**
 * The desk's anomaly detection: the model worker in the leader tab (fed the feed's bar updates,
 * scoring the chart's series and the watch list's), its status for the panel, the chart's markers
 * and optional score pane, and the recent anomalies across the watch list. Every stored score is
 * read back from IndexedDB when a series is shown, so a reload or offline review shows what was
 * scored live; follower tabs show stored scores and what the leader broadcasts.
 */
export class AnomalyState {
  status = $state.raw<ModelStatus | null>(null);
  recent = $state.raw<readonly ScoreRow[]>([]);
  /** Markers on screen, for the hover/tap layer. */
  spots = $state.raw<readonly MarkerSpot[]>([]);
  scorePane = $state(false);
  timeframe = $state<TimeframeId>('1m');
  role = $state<Role>('follower');
  private client: ModelClient | null = null;
  private readonly channel: BroadcastChannel | null;
  private readonly markers = new AnomalyMarkersOverlay((spots) => (this.spots = spots));
  private readonly pane = new AnomalyScorePane();
  private view: AnomalyView | null = null;
  private shown = '';
  private loadToken = 0;
  private loading = true;
  /** The oldest open time read up to the live edge (Infinity: a review range was read instead). */
  private loadedFromMs = Infinity;
  private pending: ScoreRow[] = [];

  constructor(
    private readonly storage: Promise<AppStorage>,
    feed: Feed,
    private readonly chart: ChartSession,
    view: () => AnomalyView | null,
  ) {
    chart.pin(this.markers);
    // Scrolled back or reviewing stored history: that range's stored scores, not only the newest.
    chart.onHeldRange((range) => this.showRange(range));
    this.channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
    if (this.channel !== null) {
      this.channel.onmessage = (event: MessageEvent<ModelMessage>) => {
        if (this.client === null) this.receive(event.data);
      };
    }
    feed.onBatch((batch) => {
      if (this.client !== null && batch.updates.length > 0) void this.client.api.bars(batch.updates);
    });
    $effect.root(() => {
      $effect(() => void this.setRole(feed.role));
      $effect(() => this.setView(view()));
      $effect(() => {
        if (this.scorePane) chart.pin(this.pane);
        else chart.unpin(this.pane.id);
        // Pane heights settle on the chart's next frame; the legends follow them then.
        requestAnimationFrame(() => chart.overlaysChanged());
      });
    });
  }

  /** Brings an anomaly of the chart's series into view (after the chart switched to it). */
  reveal(row: ScoreRow): void {
    this.markers.reveal(row.openTimeMs);
  }

  retrain(): void {
    void this.client?.api.train('anomaly');
  }

  cancelTraining(): void {
    void this.client?.api.cancel('anomaly');
  }

  private async setRole(role: Role): Promise<void> {
    this.role = role;
    if (role === 'leader' && this.client === null) {
      // The model worker (and TF.js, which it loads for scoring) is not needed for the first bars.
      await afterFirstBars();
      const { persistent } = await this.storage;
      if (this.role !== 'leader' || this.client !== null) return;
      this.client = new ModelClient(!persistent, (message) => {
        this.receive(message);
        this.channel?.postMessage(message);
      });
      if (this.view !== null) void this.client.api.setScope(this.view);
    } else if (role === 'follower' && this.client !== null) {
      this.client.terminate();
      this.client = null;
    }
  }

  private setView(view: AnomalyView | null): void {
    this.view = view === null ? null : $state.snapshot(view);
    if (view === null) return;
    this.timeframe = view.chart.timeframe;
    void this.client?.api.setScope(this.view as AnomalyView);
    const id = seriesId(view.chart);
    if (id !== this.shown) {
      this.shown = id;
      void this.load(view.chart);
    }
    void this.loadRecent(view);
  }

  private receive(message: ModelMessage): void {
    if (message.status !== undefined) this.status = message.status;
    const rows = message.rows;
    if (rows === undefined || rows.length === 0) return;
    const mine = rows.filter((r) => seriesId(r) === this.shown);
    if (mine.length > 0) {
      if (this.loading) this.pending.push(...mine);
      else this.draw(mine);
    }
    const hits = rows.filter((r) => r.closed && severityOf(r.score) !== null && r.timeframe === this.timeframe);
    if (hits.length > 0) this.addRecent(hits);
  }

  private draw(rows: readonly ScoreRow[]): void {
    this.markers.apply(rows);
    // The pane keeps its rows while hidden, so turning it on shows the history at once.
    this.pane.apply(rows);
    this.chart.overlaysChanged();
  }

  /** The held range's stored scores, when it reaches past what was read. */
  private showRange(range: HeldRange): void {
    const view = this.view;
    if (view === null || seriesId(range) !== this.shown) return;
    const live = range.toMs === null;
    if (live && range.fromMs >= this.loadedFromMs) return;
    void this.load(view.chart, range.fromMs, range.toMs ?? Infinity);
  }

  /**
   * The stored scores of the series now on the chart: its last HISTORY_BARS bars' span, or the
   * span of bars it holds (scrolled back, in review).
   */
  private async load(series: ScoredSeries, fromMs?: number, toMs = Infinity): Promise<void> {
    const token = ++this.loadToken;
    this.loading = true;
    this.pending = [];
    const { db } = await this.storage;
    const from = fromMs ?? Date.now() - HISTORY_BARS * timeframeMs(series.timeframe);
    this.loadedFromMs = toMs === Infinity ? from : Infinity;
    const stored = await readAnomalyScores(db, series, SCORES_VERSION, from, toMs);
    if (token !== this.loadToken) return;
    const rows: ScoreRow[] = stored.map((r) => ({ ...r, closed: true }));
    this.markers.setHistory(rows);
    this.pane.setHistory(rows);
    this.loading = false;
    const pending = this.pending;
    this.pending = [];
    if (pending.length > 0) this.draw(pending);
    this.chart.overlaysChanged();
  }

  private async loadRecent(view: AnomalyView): Promise<void> {
    const { db } = await this.storage;
    const keys = [view.chart, ...view.others].map((s) => `${s.venue}:${s.symbol}`);
    const stored = await recentAnomalies(db, SCORES_VERSION, view.chart.timeframe, keys, RECENT);
    this.recent = merge(
      stored.map((r) => ({ ...r, closed: true })),
      this.recent.filter((r) => r.timeframe === view.chart.timeframe),
    );
  }

  private addRecent(rows: readonly ScoreRow[]): void {
    this.recent = merge(rows, this.recent);
  }
}

/** Newest first, one entry per bar, at most RECENT. */
function merge(a: readonly ScoreRow[], b: readonly ScoreRow[]): ScoreRow[] {
  // A plain map: built and dropped within the call, never read reactively.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  const byKey = new Map<string, ScoreRow>();
  for (const r of [...b, ...a]) byKey.set(`${seriesId(r)}|${r.openTimeMs}`, r);
  return [...byKey.values()].sort((x, y) => y.openTimeMs - x.openTimeMs).slice(0, RECENT);
}
