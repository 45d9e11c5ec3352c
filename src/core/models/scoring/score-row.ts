/** Version of the stored scores (the bar ensemble's settings and the learned part): keyed with each row. */
export const SCORES_VERSION = 'bars-1';

import type { AnomalyPartScore } from '../anomaly';

/** One bar's score as it travels from the model worker to the page (and into storage). */
export interface ScoreRow {
  readonly venue: string;
  readonly symbol: string;
  readonly timeframe: string;
  readonly openTimeMs: number;
  readonly score: number;
  readonly parts: readonly AnomalyPartScore[];
  readonly reason: string;
  /** False: the forming bar's preview (replaced as the bar grows, never stored). */
  readonly closed: boolean;
}

/** `venue|symbol|timeframe`. */
export function seriesId(s: { readonly venue: string; readonly symbol: string; readonly timeframe: string }): string {
  return `${s.venue}|${s.symbol}|${s.timeframe}`;
}
