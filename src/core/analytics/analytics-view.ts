import type { TimeframeId } from '../candles/timeframe';
import type { InstrumentKey } from '../exchange/types';
import type { PairPoint } from '../stats/pair-analytics';
import type { PairSummary } from '../stats/pair-summary';

/**
 * The contract between the page and the analytics stage of the feed worker: the page says what
 * is on screen (`AnalyticsView`), the stage computes only that and answers inside the same
 * coalesced per-frame batches as candles (`AnalyticsFrame` on `FeedBatch.analytics`).
 */

/** One indicator instance on screen. Several instances of one indicator differ by `id`. */
export interface IndicatorInstance {
  /** Stable id chosen by the page (survives parameter edits), e.g. `ind-3`. */
  readonly id: string;
  /** Registry spec: `rsi:14`, `bb:20,2`, `vwap`. */
  readonly spec: string;
}

export interface PairViewSpec {
  /** Dependent leg (a = alpha + beta·b). */
  readonly a: InstrumentKey;
  /** Hedge leg. */
  readonly b: InstrumentKey;
  /** Bars in the rolling OLS, z-score and correlation. */
  readonly window: number;
  /** Divergence rule (seed 004): returns over `divergenceBars` bars differing by more than `divergencePct` %. */
  readonly divergencePct: number;
  readonly divergenceBars: number;
}

export interface AnalyticsView {
  /** Increases with every change the page makes; frames of an older view are dropped. */
  readonly viewId: number;
  readonly key: InstrumentKey;
  readonly timeframe: TimeframeId;
  readonly indicators: readonly IndicatorInstance[];
  readonly pair?: PairViewSpec;
}

/** Values of one bar, aligned with `IndicatorFrame.columns`; null while warming up. */
export interface IndicatorRow {
  readonly openTimeMs: number;
  readonly values: readonly (number | null)[];
}

export interface IndicatorFrame {
  readonly instanceId: string;
  /** Output column names of the instance, main output first (`macd`, `signal`, `histogram`). */
  readonly columns: readonly string[];
  /** True: `rows` is the whole history rebuilt from stored candles and replaces what the page holds. */
  readonly reset: boolean;
  /** Bars whose values changed, oldest first; a later row of the same bar supersedes it. */
  readonly rows: readonly IndicatorRow[];
}

export interface PairRow extends PairPoint {
  readonly openTimeMs: number;
  /** Closes of both legs, for the normalised price panes. */
  readonly a: number;
  readonly b: number;
  /** Seed 004 divergence on this bar: the difference of the legs' returns in %, when past the threshold. */
  readonly divergencePct: number | null;
}

export interface PairFrame {
  readonly reset: boolean;
  readonly rows: readonly PairRow[];
  /** Whole-window statistics (ADF, Engle-Granger, half-life), refreshed on each closed bar; null while too short. */
  readonly summary: PairSummary | null;
  readonly summaryError?: string;
}

export interface AnalyticsFrame {
  readonly viewId: number;
  readonly key: InstrumentKey;
  readonly timeframe: TimeframeId;
  readonly indicators: readonly IndicatorFrame[];
  readonly pair?: PairFrame;
}
