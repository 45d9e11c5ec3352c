import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { TapewatchDb } from './db';
import { unfillableGaps } from './gap-store';

describe('unfillableGaps', () => {
  it("returns only the instrument's unfillable gaps, oldest first", async () => {
    const db = new TapewatchDb(`gaps-${Math.random()}`);
    await db.gaps.bulkAdd([
      { venue: 'kraken', symbol: 'BTC/USD', fromTimeMs: 300, toTimeMs: 400, state: 'unfillable', detail: 'b' },
      { venue: 'kraken', symbol: 'BTC/USD', fromTimeMs: 100, toTimeMs: 200, state: 'unfillable', detail: 'a' },
      { venue: 'kraken', symbol: 'BTC/USD', fromTimeMs: 150, toTimeMs: 160, state: 'backfilled' },
      { venue: 'kraken', symbol: 'ETH/USD', fromTimeMs: 100, toTimeMs: 200, state: 'unfillable' },
      { venue: 'coinbase', symbol: 'BTC/USD', fromTimeMs: 100, toTimeMs: 200, state: 'unfillable' },
    ]);
    const gaps = await unfillableGaps(db, 'kraken', 'BTC/USD');
    expect(gaps.map((g) => g.detail)).toEqual(['a', 'b']);
    db.close();
  });
});
