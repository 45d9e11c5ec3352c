import { SCORES_VERSION, type ScoreRow } from '../core/models/scoring/score-row';
import { ANOMALY_THRESHOLD } from '../core/models/scoring/severity';
import type { StoredAnomalyScore } from './db';

/** Closed bars' scores as stored rows of a model version; anomalies get the index field. */
export function toStoredScores(rows: readonly ScoreRow[], nowMs: number, model = SCORES_VERSION): StoredAnomalyScore[] {
  return rows
    .filter((r) => r.closed)
    .map((r) => ({
      venue: r.venue,
      symbol: r.symbol,
      timeframe: r.timeframe,
      openTimeMs: r.openTimeMs,
      model,
      score: r.score,
      parts: r.parts.map((p) => ({ name: p.name, score: p.score })),
      reason: r.reason,
      ...(r.score >= ANOMALY_THRESHOLD ? { anomalyAtMs: r.openTimeMs } : {}),
      scoredAtMs: nowMs,
    }));
}
