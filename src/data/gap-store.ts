import type { StoredGap, TapewatchDb } from './db';

/** Holes the feed could not backfill for one instrument, oldest first (shown on its chart). */
export async function unfillableGaps(db: TapewatchDb, venue: string, symbol: string): Promise<StoredGap[]> {
  return db.gaps
    .where('[venue+symbol+fromTimeMs]')
    .between([venue, symbol, -Infinity], [venue, symbol, Infinity])
    .filter((g) => g.state === 'unfillable')
    .toArray();
}
