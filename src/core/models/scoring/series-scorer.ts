import type { Candle } from '../../candles/candle';
import { barSampleFromCandle, type AnomalyPartScore, type BarAnomalyDetector } from '../anomaly';
import { FeatureWindow } from '../market-autoencoder/window-features';
import type { DriftMonitor } from './drift-monitor';
import type { LearnedGuard, LearnedReading } from './learned-guard';
import type { ScoreRow } from './score-row';
import { ANOMALY_THRESHOLD } from './severity';

/** Closed bars after a learned-part hit whose learned scores stay below the threshold (one event, one marker). */
const LEARNED_HOLD = 10;

/**
 * Scores one instrument × timeframe: the statistical bar ensemble on every closed bar (`add`) and
 * a preview of the forming bar (`replace`, no state change), joined by the learned part when one is
 * installed in its guard. A bar already scored (a late correction) is not scored again: scores
 * are causal and stay as they were first given.
 */
export class SeriesScorer {
  private readonly window = new FeatureWindow();
  private lastClosedMs = -Infinity;
  private hold = 0;
  closedBars = 0;
  /** EWMA of the statistical scoring time per bar, ms. */
  statisticalMs: number | null = null;

  constructor(
    private readonly detector: BarAnomalyDetector,
    readonly learned: LearnedGuard,
    readonly drift: DriftMonitor,
    private readonly now: () => number,
  ) {}

  get lastClosedTimeMs(): number {
    return this.lastClosedMs;
  }

  /** A closed bar: scored, then learnt. Null when it is not newer than the last closed bar. */
  add(candle: Candle): ScoreRow | null {
    if (candle.openTimeMs <= this.lastClosedMs) return null;
    const sample = barSampleFromCandle(candle);
    const t0 = this.now();
    const stat = this.detector.update(sample);
    const ms = this.now() - t0;
    this.statisticalMs = this.statisticalMs === null ? ms : this.statisticalMs * 0.95 + ms * 0.05;
    this.window.push(sample);
    this.lastClosedMs = candle.openTimeMs;
    this.closedBars++;
    const learned = this.learned.read(this.window.window());
    if (learned !== null) this.drift.add(learned.z);
    const row = combine(candle, stat, learned, this.hold > 0, true);
    if (learned !== null && learned.score >= ANOMALY_THRESHOLD && this.hold === 0) this.hold = LEARNED_HOLD;
    else if (this.hold > 0) this.hold--;
    return row;
  }

  /** The forming bar, scored against the closed bars so far; nothing changes. */
  preview(candle: Candle): ScoreRow | null {
    if (candle.openTimeMs <= this.lastClosedMs) return null;
    const sample = barSampleFromCandle(candle);
    const stat = this.detector.preview(sample);
    const learned = this.learned.read(this.window.withForming(sample));
    return combine(candle, stat, learned, this.hold > 0, false);
  }

  dispose(): void {
    this.detector.dispose();
    this.learned.dispose();
  }
}

function combine(
  candle: Candle,
  stat: { score: number; parts: readonly AnomalyPartScore[]; reason: string },
  learned: LearnedReading | null,
  held: boolean,
  closed: boolean,
): ScoreRow {
  let score = stat.score;
  let reason = stat.reason;
  const parts: AnomalyPartScore[] = [...stat.parts];
  if (learned !== null) {
    const own = held ? Math.min(learned.score, ANOMALY_THRESHOLD - 0.01) : learned.score;
    parts.push({ name: 'bar shape · autoencoder', score: own });
    if (own >= ANOMALY_THRESHOLD) {
      const text = `bar shape (autoencoder: reconstruction error ${learned.z.toFixed(1)} σ above usual)`;
      reason = stat.score >= ANOMALY_THRESHOLD ? `${stat.reason}; ${text}` : text;
      score = Math.max(score, own);
    }
  }
  return {
    venue: candle.venue,
    symbol: candle.symbol,
    timeframe: candle.timeframe,
    openTimeMs: candle.openTimeMs,
    score,
    parts,
    reason,
    closed,
  };
}
