/**
 * How often the pair view's whole-window summary is recomputed; apart from `PairTrack` so the
 * analytics stage names its default without loading the pair statistics (a chunk of their own,
 * fetched when a pair view opens).
 */
export interface PairSummaryPolicy {
  /** Common closed bars the summary covers (ADF with lag search is ~20 ms at 2,000, ~95 ms at 5,000). */
  readonly bars: number;
  /** Live refreshes at most this often (a reset frame always has a fresh one). */
  readonly everyMs: number;
  readonly now: () => number;
}

export const DEFAULT_PAIR_SUMMARY: PairSummaryPolicy = { bars: 2_000, everyMs: 5_000, now: () => Date.now() };
