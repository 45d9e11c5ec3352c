import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { Candle } from '../core/candles/candle';
import type { TimeframeId } from '../core/candles/timeframe';
import { DEFAULT_RETENTION } from '../core/storage/retention-policy';
import { TapewatchDb } from './db';
import { RetentionRunner } from './retention';

const NOW = Date.UTC(2026, 5, 1);
const H = 3_600_000;

function bar(timeframe: TimeframeId, openTimeMs: number): Candle {
  return {
    venue: 'binance-spot',
    symbol: 'BTCUSDT',
    timeframe,
    openTimeMs,
    open: '1',
    high: '1',
    low: '1',
    close: '1',
    volume: '1',
    quoteVolume: '1',
    buyVolume: '1',
    sellVolume: '0',
    trades: 1,
    vwap: 1,
    closed: true,
  };
}

async function seeded() {
  const db = new TapewatchDb(`retention-${Math.random()}`);
  const trades = Array.from({ length: 100 }, (_, i) => ({
    venue: 'binance-spot',
    symbol: 'BTCUSDT',
    id: i,
    timeMs: NOW - 48 * H + i * H,
    price: '1',
    size: '1',
    side: 'buy',
    storedAtMs: NOW - 48 * H + i * (H / 4),
  }));
  await db.trades.bulkAdd(trades);
  await db.candles.bulkPut([
    ...Array.from({ length: 10 }, (_, i) => bar('1s', NOW - 10 * 24 * H + i * 1000)),
    ...Array.from({ length: 10 }, (_, i) => bar('1m', NOW - 400 * 24 * H + i * 60_000)),
  ]);
  return db;
}

describe('RetentionRunner', () => {
  it('sweeps raw trades stored more than 24 h ago and sub-minute bars past the horizon, keeps 1m', async () => {
    const db = await seeded();
    const runner = new RetentionRunner(db, DEFAULT_RETENTION, async () => ({ usage: 1, quota: 100 }));
    const notices = await runner.sweep(NOW);
    expect(
      await db.trades
        .where('storedAtMs')
        .below(NOW - 24 * H)
        .count(),
    ).toBe(0);
    expect(await db.trades.count()).toBe(4); // stored at -24 h, -23.75 h … within the window
    expect(await db.candles.where('[timeframe+openTimeMs]').between(['1s', -Infinity], ['1s', Infinity]).count()).toBe(
      0,
    );
    expect(await db.candles.where('[timeframe+openTimeMs]').between(['1m', -Infinity], ['1m', Infinity]).count()).toBe(
      10,
    );
    expect(notices.join('\n')).toMatch(/raw trades[\s\S]*1s bars/);
    expect((await db.evictions.toArray()).map((e) => [e.table, e.reason])).toEqual([
      ['trades', 'retention'],
      ['candles', 'retention'],
    ]);
  });

  it('under quota pressure evicts oldest raw trades first and never 1m bars', async () => {
    const db = await seeded();
    // Usage follows what is stored, as a browser's estimate would.
    const runner = new RetentionRunner(db, DEFAULT_RETENTION, async () => ({
      usage: (await db.trades.count()) + (await db.candles.count()),
      quota: 100,
    }));
    const before = await db.trades.count();
    const notices = await runner.relieve(NOW, 60);
    expect(notices[0]).toMatch(/raw trades/);
    const left = await db.trades.orderBy('storedAtMs').toArray();
    expect(left.length).toBeLessThan(before);
    // Oldest first: what is left is a suffix of what was stored.
    expect(left[0]!.id).toBe(before - left.length);
    // With everything evictable gone, only 1m history is left and it stays.
    await db.trades.clear();
    await db.candles.where('[timeframe+openTimeMs]').between(['1s', -Infinity], ['1s', Infinity]).delete();
    expect(await runner.relieve(NOW, 0)).toEqual([
      'Storage is full: only 1m and longer history is left, which is never evicted.',
    ]);
    expect(await db.candles.count()).toBe(10);
  });

  it('an eviction that a full origin cannot log still happens and still tells the user', async () => {
    const db = await seeded();
    // Deleted rows free space only when IndexedDB compacts: the log row itself may not fit.
    const full = Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    vi.spyOn(db.evictions, 'add').mockRejectedValue(full);
    const runner = new RetentionRunner(db, DEFAULT_RETENTION, async () => ({
      usage: (await db.trades.count()) + (await db.candles.count()),
      quota: 100,
    }));
    const before = await db.trades.count();
    const notices = await runner.relieve(NOW, 60);
    expect(notices[0]).toMatch(/raw trades/);
    expect(await db.trades.count()).toBeLessThan(before);
    // Sub-minute bars (deleted in their own transaction, the log written after) go the same way.
    await db.trades.clear();
    expect((await runner.relieve(NOW, 0))[0]).toMatch(/1s bars/);
    expect(await db.candles.where('[timeframe+openTimeMs]').between(['1s', -Infinity], ['1s', Infinity]).count()).toBe(
      0,
    );
  });
});
