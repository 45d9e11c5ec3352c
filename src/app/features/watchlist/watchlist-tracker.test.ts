import { describe, expect, it, vi } from 'vitest';
import type { Candle } from '../../../core/candles/candle';
import type { FeedHealth } from '../../../core/feed/feed-health';
import { WatchlistTracker, type BarReader, type WatchRow } from './watchlist-tracker';

const MIN = 60_000;
const NOW = Date.UTC(2024, 0, 2, 12, 0, 0);

function candle(venue: string, symbol: string, timeframe: string, openTimeMs: number, open: string, close: string) {
  return { venue, symbol, timeframe, openTimeMs, open, close, closed: true } as unknown as Candle;
}

const liveHealth = {
  source: 'live',
  connections: [{ venue: 'binance-spot', symbols: ['BTCUSDT'], state: { kind: 'live', sinceMs: 0 } }],
  venues: [],
} as unknown as FeedHealth;

describe('WatchlistTracker', () => {
  it('reads the window from storage, then follows batches of its timeframe only, throttled', async () => {
    vi.useFakeTimers();
    const stored = [candle('binance-spot', 'BTCUSDT', '1m', NOW - 10 * MIN, '100', '101')];
    const reads: unknown[] = [];
    const reader: BarReader = {
      range: async (key, fromMs) => {
        reads.push({ ...key, fromMs });
        return key.symbol === 'BTCUSDT' ? stored : [];
      },
    };
    let rows: readonly WatchRow[] = [];
    const updates: (readonly WatchRow[])[] = [];
    const tracker = new WatchlistTracker(
      reader,
      () => null,
      (r) => {
        rows = r;
        updates.push(r);
      },
      () => NOW,
    );
    await tracker.setWindow('1h');
    await tracker.setInstruments(['binance-spot:BTCUSDT', 'coinbase:ETH-USD']);
    expect(reads).toContainEqual({ venue: 'binance-spot', symbol: 'BTCUSDT', timeframe: '1m', fromMs: NOW - 61 * MIN });
    expect(rows.map((r) => [r.key, r.last, r.changePct === null ? null : Number(r.changePct.toFixed(9))])).toEqual([
      ['binance-spot:BTCUSDT', '101', 1],
      ['coinbase:ETH-USD', null, null],
    ]);

    const before = updates.length;
    // A 5m bar is not this window's timeframe: ignored. Two 1m replaces: one refresh.
    tracker.applyBatch(
      [{ kind: 'replace', candle: candle('binance-spot', 'BTCUSDT', '5m', NOW, '1', '999') }],
      undefined,
    );
    tracker.applyBatch(
      [{ kind: 'replace', candle: candle('binance-spot', 'BTCUSDT', '1m', NOW, '101', '102') }],
      undefined,
    );
    tracker.applyBatch(
      [{ kind: 'replace', candle: candle('binance-spot', 'BTCUSDT', '1m', NOW, '101', '110') }],
      liveHealth,
    );
    expect(updates.length).toBe(before);
    vi.advanceTimersByTime(500);
    expect(updates.length).toBe(before + 1);
    expect(rows[0]).toMatchObject({ last: '110', state: 'live', closes: [101, 110] });
    expect(rows[0]?.changePct).toBeCloseTo(10, 12);
    tracker.stop();
    vi.useRealTimers();
  });

  it('reads the demo stand-ins while the feed runs demo data', async () => {
    const reads: string[] = [];
    const reader: BarReader = {
      range: async (key) => {
        reads.push(`${key.venue}:${key.symbol}`);
        return [];
      },
    };
    const tracker = new WatchlistTracker(
      reader,
      () => null,
      () => undefined,
      () => NOW,
    );
    await tracker.setInstruments(['kraken:BTC/USD']);
    tracker.applyBatch([], { ...liveHealth, source: 'demo' } as FeedHealth);
    await vi.waitFor(() => expect(reads).toEqual(['kraken:BTC/USD', 'demo:BTCUSDT']));
    tracker.stop();
  });
});
