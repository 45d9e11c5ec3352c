import type { Candle, CandleUpdate } from '../../candles/candle';
import type { TimeframeId } from '../../candles/timeframe';
import type { VenueId } from '../../exchange/types';
import { createBarAnomalyDetector } from '../anomaly';
import { DriftMonitor } from './drift-monitor';
import { LearnedGuard, type LearnedScorer } from './learned-guard';
import { IDLE_LEARNED, type LearnedStatus, type ModelStatus } from './model-status';
import { SCORES_VERSION, seriesId, type ScoreRow } from './score-row';
import { SeriesScorer } from './series-scorer';

export { SCORES_VERSION } from './score-row';

export interface ScoredSeries {
  readonly venue: VenueId;
  readonly symbol: string;
  readonly timeframe: TimeframeId;
}

/** What is scored: the chart's series (with the learned part) and the watch list's (statistical). */
export interface AnomalyScope {
  readonly chart: ScoredSeries | null;
  readonly others: readonly ScoredSeries[];
}

/** A trained or loaded learned model, with what it was trained on. */
export interface LearnedModel {
  readonly scorer: LearnedScorer;
  readonly trainedAtMs: number;
  readonly bars: number;
  readonly fromMs: number;
  readonly toMs: number;
}

/** Training and loading of the learned part (TF.js in the model worker; absent: statistics only). */
export interface LearnedRuntime {
  /** TF.js backend once loaded; rejects when TF.js cannot be loaded at all. */
  ready(): Promise<{ backend: string; note: string | null }>;
  /** The stored model of a series at the current version, or null. */
  load(series: ScoredSeries): Promise<LearnedModel | null>;
  /** Trains on closed bars (oldest first) and stores the result; null when cancelled. */
  train(
    series: ScoredSeries,
    bars: readonly Candle[],
    onProgress: (p: { epoch: number; epochs: number; loss: number }) => void,
    cancelled: () => boolean,
  ): Promise<LearnedModel | null>;
}

export interface AnomalyPorts {
  /** The newest `limit` stored bars of a series, oldest first. */
  latestBars(series: ScoredSeries, limit: number): Promise<Candle[]>;
  /** The newest stored score's bar time of a series at this version, or null. */
  lastScored(series: ScoredSeries): Promise<number | null>;
  /** Stores closed bars' scores. */
  putScores(rows: readonly ScoreRow[]): Promise<void>;
  /** A monotonic clock for timing inference, ms. */
  now(): number;
  /** Wall-clock time (epoch ms), for the model's age. */
  wallMs(): number;
  readonly learned: LearnedRuntime | null;
}

export interface ScheduleOptions {
  /** Stored bars scored from when a series enters the scope (warm-up). */
  readonly warmBars: number;
  /** Closed bars needed before the first training run. */
  readonly minTrainBars: number;
  /** Most bars one training run uses (30 days of 1m bars). */
  readonly maxTrainBars: number;
  /** A model older than this is retrained (wall clock). */
  readonly retrainAfterMs: number;
  /** New closed bars since the last training after which it is retrained. */
  readonly retrainAfterBars: number;
  /** Average inference time per bar above which the learned part is switched off. */
  readonly budgetMs: number;
}

export const DEFAULT_SCHEDULE: ScheduleOptions = {
  warmBars: 3_000,
  minTrainBars: 400,
  maxTrainBars: 43_200,
  retrainAfterMs: 6 * 3_600_000,
  retrainAfterBars: 2_000,
  budgetMs: 50,
};

/** The bar detector's settings for markets: a fresh chart scores after ~240 bars, not 600. */
const BAR_LIKELIHOOD = { learningPeriod: 120, estimationSamples: 120 };

interface Entry {
  readonly series: ScoredSeries;
  readonly scorer: SeriesScorer;
  /** Resolves when the stored history has been scored; live updates wait for it. */
  ready: boolean;
  queued: CandleUpdate[];
  /** Closed bars since the learned model was trained. */
  sinceTraining: number;
}

/**
 * The model worker's evaluation: one scorer per series in scope, warmed up from stored bars,
 * then fed the feed's add/replace updates. Closed bars' scores are stored; every score goes to
 * `emit` (the page). The learned part of the chart's series is loaded or trained, retrained on a
 * schedule and on drift, and switched off with a reason when it fails; statistics keep scoring.
 */
export class AnomalyService {
  private readonly entries = new Map<string, Entry>();
  private chartId: string | null = null;
  private learned: LearnedStatus = IDLE_LEARNED;
  private backend: string | null = null;
  private backendNote: string | null = null;
  private scoredBars = 0;
  private training: { id: string; cancel: boolean } | null = null;
  private lastTrainedAtMs: number | null = null;

  constructor(
    private readonly ports: AnomalyPorts,
    private readonly emit: (rows: readonly ScoreRow[]) => void,
    private readonly onStatus: (status: ModelStatus) => void,
    private readonly schedule: ScheduleOptions = DEFAULT_SCHEDULE,
  ) {}

  status(): ModelStatus {
    const chart = this.chartId === null ? undefined : this.entries.get(this.chartId);
    return {
      version: SCORES_VERSION,
      backend: this.backend,
      backendNote: this.backendNote,
      series: this.chartId,
      seriesCount: this.entries.size,
      scoredBars: this.scoredBars,
      statisticalMs: chart?.scorer.statisticalMs ?? null,
      learned: {
        ...this.learned,
        inferenceMs: chart?.scorer.learned.inferenceMs ?? null,
        drift: chart?.scorer.drift.shift ?? null,
      },
    };
  }

  /** What to score; series leaving the scope are dropped, new ones warmed up from storage. */
  async setScope(scope: AnomalyScope): Promise<void> {
    const wanted = new Map<string, ScoredSeries>();
    for (const s of scope.others) wanted.set(seriesId(s), s);
    if (scope.chart !== null) wanted.set(seriesId(scope.chart), scope.chart);
    const chartId = scope.chart === null ? null : seriesId(scope.chart);
    if (chartId !== this.chartId) {
      if (this.training !== null) this.training.cancel = true;
      this.chartId = chartId;
      this.learned = IDLE_LEARNED;
      this.lastTrainedAtMs = null;
    }
    for (const [id, e] of this.entries) {
      if (!wanted.has(id)) {
        e.scorer.dispose();
        this.entries.delete(id);
      }
    }
    const fresh = [...wanted].filter(([id]) => !this.entries.has(id));
    for (const [id, series] of fresh) this.entries.set(id, this.entry(series));
    this.report();
    // The chart's series first: its learned model (stored) joins before its history is scored.
    if (chartId !== null) await this.loadLearned(chartId);
    for (const [id] of fresh.sort(([a], [b]) => Number(b === chartId) - Number(a === chartId))) await this.warm(id);
    if (chartId !== null) void this.maybeTrain(chartId, 'first training');
  }

  /** One coalesced batch of the feed's bar updates (what the page forwards). */
  apply(updates: readonly CandleUpdate[]): void {
    const rows: ScoreRow[] = [];
    const stored: ScoreRow[] = [];
    for (const u of updates) {
      const e = this.entries.get(seriesId(u.candle));
      if (e === undefined) continue;
      if (!e.ready) {
        e.queued.push(u);
        continue;
      }
      this.score(e, u, rows, stored);
    }
    this.publish(rows, stored);
  }

  /** Stops a training run in progress (it is discarded). */
  cancelTraining(): void {
    if (this.training !== null) this.training.cancel = true;
  }

  /** Retrains the chart's learned model now (the status panel's button). */
  retrain(): Promise<void> {
    return this.chartId === null ? Promise.resolve() : this.maybeTrain(this.chartId, 'asked for', true);
  }

  dispose(): void {
    this.cancelTraining();
    for (const e of this.entries.values()) e.scorer.dispose();
    this.entries.clear();
  }

  private entry(series: ScoredSeries): Entry {
    const guard = new LearnedGuard({ budgetMs: this.schedule.budgetMs, graceCalls: 20, now: this.ports.now });
    const detector = createBarAnomalyDetector({ likelihood: BAR_LIKELIHOOD });
    return {
      series,
      scorer: new SeriesScorer(detector, guard, new DriftMonitor(), this.ports.now),
      ready: false,
      queued: [],
      sinceTraining: 0,
    };
  }

  private score(e: Entry, u: CandleUpdate, rows: ScoreRow[], stored: ScoreRow[]): void {
    const c = u.candle;
    const row = c.closed ? e.scorer.add(c) : e.scorer.preview(c);
    if (row === null) return;
    rows.push(row);
    if (!row.closed) return;
    stored.push(row);
    this.scoredBars++;
    const id = seriesId(e.series);
    if (id !== this.chartId) return;
    e.sinceTraining++;
    this.afterClosedChartBar(id, e);
  }

  private publish(rows: readonly ScoreRow[], stored: readonly ScoreRow[]): void {
    if (stored.length > 0) void this.ports.putScores(stored);
    if (rows.length > 0) this.emit(rows);
    if (stored.length > 0) this.report();
  }

  /** Scores the stored history of a series that just entered the scope, then its queued updates. */
  private async warm(id: string): Promise<void> {
    const e = this.entries.get(id);
    if (e === undefined) return;
    const [bars, last] = await Promise.all([
      this.ports.latestBars(e.series, this.schedule.warmBars),
      this.ports.lastScored(e.series),
    ]);
    if (this.entries.get(id) !== e) return;
    const rows: ScoreRow[] = [];
    const stored: ScoreRow[] = [];
    for (const c of bars) {
      if (!c.closed) continue;
      const row = e.scorer.add(c);
      // Bars already stored keep their first score (a score never changes once given): the page
      // reads those from storage, so only newly scored bars are stored and sent.
      if (row === null || (last !== null && row.openTimeMs <= last)) continue;
      rows.push(row);
      stored.push(row);
    }
    this.scoredBars += stored.length;
    e.ready = true;
    const queued = e.queued;
    e.queued = [];
    for (const u of queued) this.score(e, u, rows, stored);
    this.publish(rows, stored);
  }

  private async loadLearned(id: string): Promise<void> {
    const runtime = this.ports.learned;
    const e = this.entries.get(id);
    if (e === undefined) return;
    if (runtime === null) {
      this.setLearned({ state: 'off', reason: 'no learned model in this build' });
      return;
    }
    this.setLearned({ state: 'loading', reason: 'loading TF.js' });
    try {
      const { backend, note } = await runtime.ready();
      this.backend = backend;
      this.backendNote = note;
    } catch (error) {
      this.backendNote = `TF.js could not be loaded: ${message(error)}`;
      e.scorer.learned.disable(this.backendNote);
      this.setLearned({ state: 'off', reason: this.backendNote });
      return;
    }
    try {
      const model = await runtime.load(e.series);
      if (this.chartId !== id) {
        model?.scorer.dispose();
        return;
      }
      if (model === null) {
        this.setLearned({ state: 'waiting', reason: 'not trained yet' });
        return;
      }
      this.install(e, model, this.learned.trigger);
    } catch (error) {
      // A stored model that does not load is retrained, not fatal.
      this.setLearned({ state: 'waiting', reason: `stored model did not load (${message(error)})` });
    }
  }

  private install(e: Entry, model: LearnedModel, trigger: string | null): void {
    e.scorer.learned.use(model.scorer);
    e.scorer.drift.reset();
    e.sinceTraining = 0;
    this.lastTrainedAtMs = model.trainedAtMs;
    this.setLearned({
      state: 'ready',
      reason: null,
      progress: null,
      trainedAtMs: model.trainedAtMs,
      bars: model.bars,
      fromMs: model.fromMs,
      toMs: model.toMs,
      trigger,
    });
  }

  private afterClosedChartBar(id: string, e: Entry): void {
    const s = this.schedule;
    if (this.learned.state === 'waiting' && e.scorer.closedBars >= s.minTrainBars) {
      void this.maybeTrain(id, 'first training');
      return;
    }
    if (this.learned.state !== 'ready') return;
    if (e.scorer.drift.drifted) void this.maybeTrain(id, `drift (error z mean ${e.scorer.drift.shift?.toFixed(2)})`);
    else if (e.sinceTraining >= s.retrainAfterBars) void this.maybeTrain(id, `schedule (${e.sinceTraining} new bars)`);
    else if (this.lastTrainedAtMs !== null && this.ports.wallMs() - this.lastTrainedAtMs >= s.retrainAfterMs)
      void this.maybeTrain(id, 'schedule (model age)');
  }

  private async maybeTrain(id: string, trigger: string, force = false): Promise<void> {
    const runtime = this.ports.learned;
    const e = this.entries.get(id);
    if (runtime === null || e === undefined || this.training !== null || this.chartId !== id) return;
    if (e.scorer.learned.disabledReason !== null && this.learned.state === 'off') return;
    if (!force && this.learned.state === 'ready' && trigger === 'first training') return;
    if (this.learned.state === 'loading' || this.learned.state === 'idle') return;
    const run = { id, cancel: false };
    this.training = run;
    try {
      const bars = (await this.ports.latestBars(e.series, this.schedule.maxTrainBars)).filter((c) => c.closed);
      if (bars.length < this.schedule.minTrainBars) {
        this.setLearned({
          state: this.learned.state === 'ready' ? 'ready' : 'waiting',
          reason: `needs ${this.schedule.minTrainBars} closed bars to train (has ${bars.length})`,
        });
        return;
      }
      const previous = this.learned.state === 'ready' ? this.learned : null;
      this.setLearned({ state: 'training', reason: null, progress: 0, trigger, epoch: 0 });
      const model = await runtime.train(
        e.series,
        bars,
        (p) => this.setLearned({ progress: p.epoch / p.epochs, epoch: p.epoch, epochs: p.epochs, loss: p.loss }),
        () => run.cancel,
      );
      if (model === null || run.cancel || this.chartId !== id) {
        model?.scorer.dispose();
        this.setLearned(
          previous !== null
            ? { ...previous, state: 'ready' }
            : { state: 'waiting', reason: 'training cancelled', progress: null },
        );
        return;
      }
      this.install(e, model, trigger);
    } catch (error) {
      e.scorer.learned.disable(`training failed: ${message(error)}`);
      this.setLearned({ state: 'off', reason: `training failed: ${message(error)}`, progress: null });
    } finally {
      if (this.training === run) this.training = null;
    }
  }

  private setLearned(patch: Partial<LearnedStatus>): void {
    this.learned = { ...this.learned, ...patch };
    this.report();
  }

  private report(): void {
    const chart = this.chartId === null ? undefined : this.entries.get(this.chartId);
    const off = chart?.scorer.learned.disabledReason ?? null;
    if (off !== null && this.learned.state !== 'off') this.learned = { ...this.learned, state: 'off', reason: off };
    this.onStatus(this.status());
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
