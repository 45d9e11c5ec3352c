import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { TapewatchDb } from './db';
import { DexieFeedStore } from './feed-store';

const T0 = Date.UTC(2026, 5, 1);

describe('DexieFeedStore gap records', () => {
  it('keeps one row per gap, its settled state written after its first, however fast they come', async () => {
    const db = new TapewatchDb(`feed-store-${Math.random()}`);
    const store = new DexieFeedStore(db, undefined, async () => null);
    const gap = { venue: 'kraken' as const, symbol: 'BTC/USD', fromId: 11, toId: 13, fromTimeMs: T0, toTimeMs: T0 + 5 };
    store.recordGap(gap, 'pending');
    store.recordGap(gap, 'backfilled');
    store.recordGap({ ...gap, fromId: 20, toId: 20 }, 'pending');
    store.recordGap({ ...gap, fromId: 20, toId: 20 }, 'unfillable');
    store.recordGap({ venue: 'bybit-spot', symbol: 'BTCUSDT', fromTimeMs: T0, toTimeMs: T0 + 900 }, 'unfillable');
    await store.flush();
    const rows = await db.gaps.orderBy('id').toArray();
    expect(rows.map(({ id: _id, ...row }) => row)).toEqual([
      {
        venue: 'kraken',
        symbol: 'BTC/USD',
        fromTimeMs: T0,
        toTimeMs: T0 + 5,
        fromTradeId: 11,
        toTradeId: 13,
        state: 'backfilled',
      },
      {
        venue: 'kraken',
        symbol: 'BTC/USD',
        fromTimeMs: T0,
        toTimeMs: T0 + 5,
        fromTradeId: 20,
        toTradeId: 20,
        state: 'unfillable',
      },
      {
        venue: 'bybit-spot',
        symbol: 'BTCUSDT',
        fromTimeMs: T0,
        toTimeMs: T0 + 900,
        detail: 'connection lost',
        state: 'unfillable',
      },
    ]);
    db.close();
  });
});

describe('DexieFeedStore gap writes that fail', () => {
  it('keeps a gap whose write failed and writes it, in order, once storage recovers', async () => {
    const db = new TapewatchDb(`feed-store-${Math.random()}`);
    let failing = true;
    // A database that refuses gap rows for a while (a quota emergency, a closing connection).
    db.gaps.hook('creating', () => {
      if (failing) throw new Error('gap write refused');
    });
    const store = new DexieFeedStore(db, undefined, async () => null);
    const gap = { venue: 'kraken' as const, symbol: 'BTC/USD', fromId: 11, toId: 13, fromTimeMs: T0, toTimeMs: T0 + 5 };
    store.recordGap(gap, 'pending');
    store.recordGap(gap, 'unfillable');
    await expect(store.flush()).rejects.toThrow('gap write refused');
    expect(store.lastError?.message).toContain('gap write refused');
    expect(await db.gaps.count()).toBe(0);
    failing = false;
    await store.flush();
    const rows = await db.gaps.toArray();
    expect(rows.map((r) => [r.fromTradeId, r.toTradeId, r.state])).toEqual([[11, 13, 'unfillable']]);
    expect(store.lastError).toBeNull();
    db.close();
  });
});
