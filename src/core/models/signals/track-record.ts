import type { SignalOutcome } from './signal-outcome';

/** A stored BUY/SELL with its outcome by the one definition (null while it is still open). */
export interface JudgedTrade {
  readonly openTimeMs: number;
  readonly action: 'BUY' | 'SELL';
  readonly confidence: number;
  readonly outcome: SignalOutcome | null;
  /** Open time of the bar at whose close the outcome was decided (null while open). */
  readonly decidedAtMs: number | null;
}

/** How a set of trades did: the hit rate beside the confidence they were issued with. */
export interface TrackRecord {
  /** Trades whose outcome is decided. */
  readonly judged: number;
  readonly worked: number;
  /** Trades still inside their horizon. */
  readonly open: number;
  /** worked / judged; null with nothing judged. */
  readonly hitRate: number | null;
  /** Mean confidence of the judged trades: calibrated signals have a hit rate near it. */
  readonly meanConfidence: number | null;
}

/** Confidence band (±) around a trade within which other trades count as similar to it. */
export const SIMILAR_CONFIDENCE = 0.1;

export function trackRecordOf(trades: readonly JudgedTrade[]): TrackRecord {
  let judged = 0;
  let worked = 0;
  let open = 0;
  let confidence = 0;
  for (const t of trades) {
    if (t.outcome === null) {
      open++;
      continue;
    }
    judged++;
    confidence += t.confidence;
    if (t.outcome.worked) worked++;
  }
  return {
    judged,
    worked,
    open,
    hitRate: judged === 0 ? null : worked / judged,
    meanConfidence: judged === 0 ? null : confidence / judged,
  };
}

/**
 * The record of the trades like `trade` as a trader could have known it when `trade` was issued:
 * same action, confidence within ±`band`, issued before it, and counted as judged only if their
 * outcome was decided by then (otherwise open).
 */
export function similarRecord(
  trade: Pick<JudgedTrade, 'openTimeMs' | 'action' | 'confidence'>,
  trades: readonly JudgedTrade[],
  band = SIMILAR_CONFIDENCE,
): TrackRecord {
  const known = trades.flatMap((t) =>
    t.openTimeMs < trade.openTimeMs &&
    t.action === trade.action &&
    Math.abs(t.confidence - trade.confidence) <= band + 1e-12
      ? [t.decidedAtMs !== null && t.decidedAtMs <= trade.openTimeMs ? t : { ...t, outcome: null, decidedAtMs: null }]
      : [],
  );
  return trackRecordOf(known);
}

/** Trades the user gave one verdict: how many, how many are decided, how many of those worked. */
export interface VerdictTally {
  readonly rated: number;
  readonly judged: number;
  readonly worked: number;
}

/** The user's verdicts beside the outcomes: do the trades rated useful work more often? */
export interface VerdictRecord {
  readonly useful: VerdictTally;
  readonly notUseful: VerdictTally;
}

export function verdictRecordOf(
  rated: readonly { readonly useful: boolean; readonly outcome: SignalOutcome | null }[],
): VerdictRecord {
  const tally = (useful: boolean): VerdictTally => {
    const mine = rated.filter((r) => r.useful === useful);
    const judged = mine.filter((r) => r.outcome !== null);
    return { rated: mine.length, judged: judged.length, worked: judged.filter((r) => r.outcome?.worked).length };
  };
  return { useful: tally(true), notUseful: tally(false) };
}
