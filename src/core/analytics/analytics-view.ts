import type { TimeframeId } from '../candles/timeframe';
import type { InstrumentKey } from '../exchange/types';
import type { PairPoint } from '../stats/pair-analytics';
import type { PairSummary } from '../stats/pair-summary';

/**
 * The contract between the page and the analytics stage of the feed worker: the page says what
 * is on screen (`AnalyticsView`), the stage computes only that and answers inside the same
 * coalesced per-frame batches as candles (`AnalyticsFrame` on `FeedBatch.analytics`).
 *
 * Worker API (`FeedWorkerApi`):
 * - `setView(view)`: the stage reads the newest stored bars of the view's series (5,000 per
 *   series, overlaid with bars still in the worker's memory) and sends one frame with `reset: true`
 *   and the whole history in the next batch; live rows follow in later batches. `setView(null)`:
 *   nothing on screen, nothing computed. Rejects with an `AnalyticsViewError` message for a view
 *   that cannot be computed (bad key, timeframe, pair window); a bad indicator spec only fails its
 *   own instance (`IndicatorFrame.error`).
 * - Follower tabs (another tab holds the feed): `follow(listener)` runs the stage alone in this
 *   tab's worker; the page passes each broadcast batch's `updates` to `relay(updates)` and gets
 *   `AnalyticsFrame`s on `listener`, once per animation frame at most. A follower ignores the
 *   `analytics` of broadcast batches: they belong to the leader's view (`viewId`s are per tab).
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
  /** The series on screen as stored: on demo data the demo stand-in (`demo:BTCUSDT`), not the watched key. */
  readonly key: InstrumentKey;
  readonly timeframe: TimeframeId;
  readonly indicators: readonly IndicatorInstance[];
  readonly pair?: PairViewSpec;
  /**
   * Reviewing stored history instead of following live bars: values are computed over the `bars`
   * stored bars ending at `endMs` (inclusive) and live bars do not move them.
   */
  readonly review?: ReviewWindow;
}

/** A range of stored history on screen (the library's "open at", scrolling back). */
export interface ReviewWindow {
  readonly endMs: number;
  readonly bars: number;
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
  /** The spec could not be built (unknown name, bad parameters): no columns, no rows, this message. */
  readonly error?: string;
}

export interface PairRow extends PairPoint {
  readonly openTimeMs: number;
  /** Closes of both legs, for the normalised price panes. */
  readonly a: number;
  readonly b: number;
  /**
   * Seed 004 divergence: on the closed bar where the legs' returns over `divergenceBars` bars first
   * differ by more than `divergencePct` %, that difference (a's return − b's, in %); else null. One
   * mark per excursion: it re-arms once the difference is back within the threshold.
   */
  readonly divergencePct: number | null;
}

/**
 * Pair values on the bars both legs have (inner join on open time, as the `pair` command), `a`
 * regressed on `b`. Rows of the forming bar are previews, superseded when it closes.
 */
export interface PairFrame {
  readonly reset: boolean;
  readonly rows: readonly PairRow[];
  /**
   * Whole-window statistics (OLS, ADF, Engle-Granger, half-life) over the last 2,000 common closed
   * bars: fresh in a reset frame, then refreshed when a bar closes, at most every 5 s (the ADF lag
   * search is the costly part). null while fewer than 30 bars; `summaryError` says why.
   */
  readonly summary: PairSummary | null;
  readonly summaryError?: string;
}

/**
 * At most one per batch. `indicators` has one frame per instance of the view, in the view's order
 * (in a live frame only when some value changed); the page maps them by `instanceId`.
 */
export interface AnalyticsFrame {
  readonly viewId: number;
  /** The series on screen as stored: on demo data the demo stand-in (`demo:BTCUSDT`), not the watched key. */
  readonly key: InstrumentKey;
  readonly timeframe: TimeframeId;
  readonly indicators: readonly IndicatorFrame[];
  readonly pair?: PairFrame;
}
