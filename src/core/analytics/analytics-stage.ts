import type { Candle, CandleUpdate } from '../candles/candle';
import { isTimeframe, type TimeframeId } from '../candles/timeframe';
import { instrumentKey, parseInstrumentKey, type InstrumentKey } from '../exchange/types';
import type { AnalyticsFrame, AnalyticsView, IndicatorFrame, PairFrame } from './analytics-view';
import { IndicatorTrack } from './indicator-track';
import { DEFAULT_PAIR_SUMMARY, type PairSummaryPolicy } from './pair-summary-policy';
import type { PairTrack } from './pair-track';
import { RecentBars } from './recent-bars';
import type { PairSide } from '../stats/pair-bar-aligner';

/** Read port: the newest stored bars of one series (through `src/data`). */
export interface StoredCandles {
  /** The newest `limit` stored bars of the series (at or before `beforeMs` if given), oldest first. */
  recent(key: InstrumentKey, timeframe: TimeframeId, limit: number, beforeMs?: number): Promise<Candle[]>;
}

export interface AnalyticsStageOptions {
  /** Stored bars a view is rebuilt from, per series (and bars kept for corrections). */
  readonly historyBars: number;
  readonly pairSummary: PairSummaryPolicy;
}

export const DEFAULT_ANALYTICS_OPTIONS: AnalyticsStageOptions = {
  historyBars: 5_000,
  pairSummary: DEFAULT_PAIR_SUMMARY,
};

/** Most bars a review window is computed over (what the chart keeps before trimming, and then some). */
export const MAX_REVIEW_BARS = 50_000;

/** A view that cannot be computed (unknown instrument key, timeframe, bad pair window). */
export class AnalyticsViewError extends Error {}

interface Active {
  readonly view: AnalyticsView;
  readonly indicators: IndicatorTrack;
  readonly pair: PairTrack | null;
}

/**
 * The analytics stage of the feed: after the aggregator, it computes what the page has on
 * screen (`AnalyticsView`) and nothing else. `setView` rebuilds the values from stored bars
 * (plus the recent bars still in memory) into a `reset` frame; from then on `frame(updates)`,
 * called with every drained batch of the aggregator (or the leader's relayed batches in a
 * follower tab), answers with the rows that changed.
 */
export class AnalyticsStage {
  private readonly recentBars = new RecentBars();
  private active: Active | null = null;
  /** The view being rebuilt; a newer `setView` replaces it. */
  private loading: AnalyticsView | null = null;
  private pendingReset: AnalyticsFrame | null = null;
  /** Called when a frame is waiting without new candles (a rebuilt view): emit soon. */
  onPending: () => void = () => undefined;

  constructor(
    private readonly store: StoredCandles,
    private readonly options: AnalyticsStageOptions = DEFAULT_ANALYTICS_OPTIONS,
  ) {}

  /** A frame is waiting for the next batch. */
  get pending(): boolean {
    return this.pendingReset !== null;
  }

  /**
   * Shows `view` (null: nothing on screen): rebuilds from storage, then a `reset` frame goes out
   * with the next batch. A later call supersedes one still loading. Throws AnalyticsViewError for
   * a view that cannot be computed; a bad indicator spec only fails its own instance (`error`).
   */
  async setView(view: AnalyticsView | null): Promise<void> {
    if (view === null) {
      this.active = null;
      this.loading = null;
      this.pendingReset = null;
      return;
    }
    checkView(view);
    this.loading = view;
    const review = view.review;
    const historyBars = review?.bars ?? this.options.historyBars;
    const read = (key: InstrumentKey | undefined) =>
      key === undefined
        ? Promise.resolve([])
        : review === undefined
          ? this.store.recent(key, view.timeframe, historyBars)
          : this.store.recent(key, view.timeframe, historyBars, review.endMs);
    // The pair statistics load with the first pair view, alongside the stored bars it needs.
    const [stored, pairModule] = await Promise.all([
      Promise.all([read(view.key), read(view.pair?.a), read(view.pair?.b)]),
      view.pair !== undefined ? import('./pair-track') : undefined,
    ]);
    if (this.loading !== view) return; // superseded
    this.loading = null;
    // Overlaid synchronously with the bars seen so far (written or not): nothing arrives in between.
    // A review is stored history only: the bars still in memory are newer than its window.
    const [main, a, b] = [view.key, view.pair?.a, view.pair?.b].map((key, i) =>
      key === undefined
        ? []
        : review !== undefined
          ? (stored[i] ?? [])
          : this.recentBars.merge(key, view.timeframe, stored[i] ?? [], historyBars),
    ) as [Candle[], Candle[], Candle[]];
    const indicators = new IndicatorTrack(view.indicators, historyBars);
    const pair =
      view.pair !== undefined && pairModule !== undefined
        ? new pairModule.PairTrack(view.pair, view.timeframe, this.options.pairSummary)
        : null;
    this.active = { view, indicators, pair };
    const indicatorFrames = indicators.seed(main);
    const pairFrame = pair?.seed(a, b);
    this.pendingReset = frameOf(view, indicatorFrames, pairFrame);
    this.onPending();
  }

  /** The analytics of one drained batch: a waiting reset frame and/or the rows that changed. */
  frame(updates: readonly CandleUpdate[]): AnalyticsFrame | null {
    this.recentBars.observe(updates);
    const reset = this.pendingReset;
    this.pendingReset = null;
    const live = this.live(updates);
    if (reset === null) return live;
    return live === null ? reset : combine(reset, live);
  }

  private live(updates: readonly CandleUpdate[]): AnalyticsFrame | null {
    const active = this.active;
    if (active === null) return null;
    const { view } = active;
    // Reviewed history does not move with live bars.
    if (view.review !== undefined) return null;
    const main: CandleUpdate[] = [];
    const legs: { side: PairSide; update: CandleUpdate }[] = [];
    const pair = view.pair;
    for (const u of updates) {
      const c = u.candle;
      if (c.timeframe !== view.timeframe) continue;
      const key = instrumentKey(c.venue, c.symbol);
      if (key === view.key) main.push(u);
      if (pair !== undefined) {
        if (key === pair.a) legs.push({ side: 'a', update: u });
        if (key === pair.b) legs.push({ side: 'b', update: u });
      }
    }
    const indicatorFrames = main.length > 0 ? active.indicators.apply(main) : [];
    let pairFrame = active.pair !== null && legs.length > 0 ? active.pair.apply(legs) : null;
    // Called on every drained batch, empty ones included (the feed's clock ticks once a second).
    pairFrame ??= active.pair?.pendingSummary() ?? null;
    if (indicatorFrames.length === 0 && pairFrame === null) return null;
    return frameOf(view, indicatorFrames, pairFrame ?? undefined);
  }
}

function checkView(view: AnalyticsView): void {
  if (parseInstrumentKey(view.key) === null) throw new AnalyticsViewError(`not an instrument key: ${view.key}`);
  if (!isTimeframe(view.timeframe)) throw new AnalyticsViewError(`unknown timeframe: ${String(view.timeframe)}`);
  const ids = new Set<string>();
  for (const { id } of view.indicators) {
    if (ids.has(id)) throw new AnalyticsViewError(`indicator instance id ${id} is used twice`);
    ids.add(id);
  }
  const review = view.review;
  if (review !== undefined && !(Number.isInteger(review.bars) && review.bars >= 1 && review.bars <= MAX_REVIEW_BARS)) {
    throw new AnalyticsViewError(`a review window holds 1 to ${MAX_REVIEW_BARS} bars, got ${review.bars}`);
  }
  const pair = view.pair;
  if (pair === undefined) return;
  for (const key of [pair.a, pair.b]) {
    if (parseInstrumentKey(key) === null) throw new AnalyticsViewError(`not an instrument key: ${key}`);
  }
  if (!Number.isInteger(pair.window) || pair.window < 2) {
    throw new AnalyticsViewError(`pair window must be a whole number >= 2, got ${pair.window}`);
  }
  if (!(pair.divergencePct > 0) || !Number.isInteger(pair.divergenceBars) || pair.divergenceBars < 1) {
    throw new AnalyticsViewError('pair divergence needs a positive percentage and a whole number of bars >= 1');
  }
}

function frameOf(view: AnalyticsView, indicators: readonly IndicatorFrame[], pair?: PairFrame): AnalyticsFrame {
  return {
    viewId: view.viewId,
    key: view.key,
    timeframe: view.timeframe,
    indicators,
    ...(pair !== undefined ? { pair } : {}),
  };
}

/** A reset frame followed by live rows of the same view: rows appended, later rows superseding. */
function combine(reset: AnalyticsFrame, live: AnalyticsFrame): AnalyticsFrame {
  const liveById = new Map(live.indicators.map((f) => [f.instanceId, f]));
  const indicators = reset.indicators.map((f) => {
    const more = liveById.get(f.instanceId);
    return more === undefined ? f : { ...f, rows: [...f.rows, ...more.rows] };
  });
  const pair =
    reset.pair !== undefined && live.pair !== undefined
      ? { ...live.pair, reset: true, rows: [...reset.pair.rows, ...live.pair.rows] }
      : reset.pair;
  return { ...reset, indicators, ...(pair !== undefined ? { pair } : {}) };
}
