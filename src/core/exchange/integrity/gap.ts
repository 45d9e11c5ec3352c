import type { VenueId } from '../types';

/**
 * Trade ids of one instrument that we know exist but do not have. `fromId..toId` are the missing
 * ids themselves, inclusive: the trades we do have (at `fromId - 1` and `toId + 1`) are outside
 * it, so `fromId` is exactly the first id a backfill must fetch. `fromTimeMs`/`toTimeMs` are the
 * times of the trades bordering the hole (or of the heartbeat that revealed it), so every missing
 * trade happened within `[fromTimeMs, toTimeMs]`.
 */
export interface Gap {
  readonly venue: VenueId;
  readonly symbol: string;
  readonly fromId: number;
  readonly toId: number;
  readonly fromTimeMs: number;
  readonly toTimeMs: number;
}

/** Number of trade ids missing in a gap. */
export function gapSize(gap: Gap): number {
  return gap.toId - gap.fromId + 1;
}

/** "BTCUSDT 12346-12346 (1 missing)" for logs and the CLI. */
export function formatGap(gap: Gap): string {
  const n = gapSize(gap);
  return `${gap.symbol} ${gap.fromId}-${gap.toId} (${n} missing)`;
}

/**
 * Trades of one instrument may be missing between two trades we received, because the
 * connection was down in between (reconnect, stale socket, page reload) and the venue's ids
 * cannot say what was lost (no ids, or ids shared across symbols). `fromTimeMs` is the newest
 * trade received before the outage, `toTimeMs` the first one after it: every lost trade happened
 * within `[fromTimeMs, toTimeMs]`, and no trade we hold lies strictly inside.
 */
export interface OutageGap {
  readonly venue: VenueId;
  readonly symbol: string;
  readonly fromTimeMs: number;
  readonly toTimeMs: number;
}

/** What the feed records: id gaps (backfilled or not) and outage gaps (never fillable). */
export type RecordedGap = Gap | OutageGap;

export function isIdGap(gap: RecordedGap): gap is Gap {
  return 'fromId' in gap;
}
