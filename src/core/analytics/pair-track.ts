import type { Candle, CandleUpdate } from '../candles/candle';
import { timeframeMs, type TimeframeId } from '../candles/timeframe';
import { DivergenceDetector } from '../stats/divergence-detector';
import { PairAnalytics } from '../stats/pair-analytics';
import { PairBarAligner, type PairBarUpdate, type PairSide } from '../stats/pair-bar-aligner';
import { pairSummary, type PairSummary } from '../stats/pair-summary';
import type { PairFrame, PairRow, PairViewSpec } from './analytics-view';
import { DEFAULT_PAIR_SUMMARY, type PairSummaryPolicy } from './pair-summary-policy';

export { DEFAULT_PAIR_SUMMARY, type PairSummaryPolicy };

/** The summary needs this many common closed bars (as the `pair` command). */
const SUMMARY_MIN_BARS = 30;

/**
 * The pair view's statistics, bar by bar: both legs joined on open time (`PairBarAligner`), the
 * streaming `PairAnalytics` of the `pair` command on the closes, the seed-004 divergence rule on
 * committed closes, and the whole-window summary (OLS, ADF, Engle-Granger, half-life) over the
 * last `summary.bars` common closed bars, refreshed when a bar closes, at most every
 * `summary.everyMs` (it is the costly part; the worker must keep up with the tape).
 */
export class PairTrack {
  private readonly aligner = new PairBarAligner();
  private readonly analytics: PairAnalytics;
  private readonly divergence: DivergenceDetector;
  private readonly closesA: number[] = [];
  private readonly closesB: number[] = [];
  private summaryDirty = false;
  private summary: PairSummary | null = null;
  private summaryError: string | undefined;
  private summaryAtMs = -Infinity;

  constructor(
    readonly spec: PairViewSpec,
    readonly timeframe: TimeframeId,
    private readonly summaryPolicy: PairSummaryPolicy = DEFAULT_PAIR_SUMMARY,
  ) {
    this.analytics = new PairAnalytics({ window: spec.window });
    this.divergence = new DivergenceDetector({
      threshold: spec.divergencePct / 100,
      windowMs: spec.divergenceBars * timeframeMs(timeframe),
    });
  }

  /** Both legs' stored bars (oldest first) as one `reset` frame. */
  seed(a: readonly Candle[], b: readonly Candle[]): PairFrame {
    const updates: { side: PairSide; update: CandleUpdate }[] = [];
    const asUpdate = (candle: Candle): CandleUpdate => ({ kind: candle.closed ? 'add' : 'replace', candle });
    // Interleaved by open time so the aligner never holds more than a bar or two of either side.
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      const ta = a[i]?.openTimeMs ?? Infinity;
      const tb = b[j]?.openTimeMs ?? Infinity;
      if (ta <= tb) updates.push({ side: 'a', update: asUpdate(a[i++] as Candle) });
      if (tb <= ta) updates.push({ side: 'b', update: asUpdate(b[j++] as Candle) });
    }
    return this.run(updates, true) ?? { reset: true, rows: [], summary: null };
  }

  /** Live updates of either leg; null when no common bar changed. */
  apply(updates: readonly { side: PairSide; update: CandleUpdate }[]): PairFrame | null {
    return this.run(updates, false);
  }

  /**
   * A summary the refresh limit held back while bars closed, once the limit has passed: the
   * market may go quiet right after, and the page must not keep a summary that misses its last
   * bars. Null when there is nothing new to say.
   */
  pendingSummary(): PairFrame | null {
    if (!this.summaryDirty || this.summaryPolicy.now() - this.summaryAtMs < this.summaryPolicy.everyMs) return null;
    this.refreshSummary();
    return {
      reset: false,
      rows: [],
      summary: this.summary,
      ...(this.summaryError !== undefined ? { summaryError: this.summaryError } : {}),
    };
  }

  private run(updates: readonly { side: PairSide; update: CandleUpdate }[], reset: boolean): PairFrame | null {
    const rows: PairRow[] = [];
    for (const { side, update } of updates) {
      const joined = this.aligner.update(side, update);
      if (joined !== null) rows.push(this.row(joined));
    }
    if (rows.length === 0 && !reset) return null;
    const due = reset || this.summaryPolicy.now() - this.summaryAtMs >= this.summaryPolicy.everyMs;
    if (this.summaryDirty && due) this.refreshSummary();
    return {
      reset,
      rows,
      summary: this.summary,
      ...(this.summaryError !== undefined ? { summaryError: this.summaryError } : {}),
    };
  }

  private row(joined: PairBarUpdate): PairRow {
    const a = Number(joined.a.close);
    const b = Number(joined.b.close);
    let divergencePct: number | null = null;
    let point;
    if (joined.kind === 'add') {
      point = this.analytics.add(a, b);
      this.closesA.push(a);
      this.closesB.push(b);
      const keep = this.summaryPolicy.bars;
      if (this.closesA.length > 2 * keep) {
        this.closesA.splice(0, this.closesA.length - keep);
        this.closesB.splice(0, this.closesB.length - keep);
      }
      this.summaryDirty = true;
      // Both legs move at the bar's open time; the second update sees both new prices.
      const first = this.divergence.update('a', joined.openTimeMs, a);
      const event = this.divergence.update('b', joined.openTimeMs, b) ?? first;
      if (event !== null) divergencePct = event.difference * 100;
    } else {
      point = this.analytics.replace(a, b);
    }
    return { openTimeMs: joined.openTimeMs, ...point, a, b, divergencePct };
  }

  private refreshSummary(): void {
    this.summaryDirty = false;
    this.summaryAtMs = this.summaryPolicy.now();
    const n = Math.min(this.closesA.length, this.summaryPolicy.bars);
    if (n < SUMMARY_MIN_BARS) {
      this.summary = null;
      this.summaryError = `${n} common closed bars; the summary needs ${SUMMARY_MIN_BARS}`;
      return;
    }
    const a = this.closesA.slice(-n);
    const b = this.closesB.slice(-n);
    try {
      this.summary = pairSummary(a, b);
      this.summaryError = undefined;
    } catch (error) {
      this.summary = null;
      this.summaryError = (error as Error).message;
    }
  }
}
