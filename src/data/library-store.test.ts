import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../core/candles/candle';
import type { TimeframeId } from '../core/candles/timeframe';
import type { VenueId } from '../core/exchange/types';
import { TapewatchDb } from './db';
import { libraryEntries } from './library-store';

const bar = (venue: VenueId, symbol: string, timeframe: TimeframeId, openTimeMs: number): Candle => ({
  venue,
  symbol,
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
});

describe('libraryEntries', () => {
  it('lists every stored instrument with its series, raw trades and gaps', async () => {
    const db = new TapewatchDb(`library-${Math.random()}`);
    const minutes = Array.from({ length: 120 }, (_, i) => bar('kraken', 'BTC/USD', '1m', 60_000 * (1000 + i)));
    await db.candles.bulkPut([
      ...minutes,
      bar('kraken', 'BTC/USD', '1h', 3_600_000 * 16),
      bar('kraken', 'BTC/USD', '1h', 3_600_000 * 17),
      bar('binance-spot', 'BTCUSDT', '1m', 60_000 * 5),
      // A symbol that sorts right after BTC/USD: the skip scan must not run into it.
      bar('kraken', 'BTC/USDT', '5m', 300_000 * 7),
    ]);
    await db.trades.bulkAdd([
      { venue: 'kraken', symbol: 'BTC/USD', timeMs: 60_000_000, price: '1', size: '1', side: 'buy' },
      { venue: 'kraken', symbol: 'BTC/USD', timeMs: 60_000_001, price: '1', size: '1', side: 'sell' },
      { venue: 'kraken', symbol: 'BTC/USDT', timeMs: 1, price: '1', size: '1', side: 'sell' },
    ]);
    await db.gaps.bulkAdd([
      { venue: 'kraken', symbol: 'BTC/USD', fromTimeMs: 1, toTimeMs: 2, state: 'unfillable' },
      { venue: 'kraken', symbol: 'BTC/USD', fromTimeMs: 3, toTimeMs: 4, state: 'backfilled' },
      { venue: 'kraken', symbol: 'BTC/USD', fromTimeMs: 5, toTimeMs: 6, state: 'backfilled' },
    ]);
    const entries = await libraryEntries(db);
    expect(entries.map((e) => `${e.venue}:${e.symbol}`)).toEqual([
      'binance-spot:BTCUSDT',
      'kraken:BTC/USD',
      'kraken:BTC/USDT',
    ]);
    const kraken = entries[1]!;
    expect(kraken.series).toEqual([
      { timeframe: '1h', bars: 2, firstMs: 3_600_000 * 16, lastMs: 3_600_000 * 17 },
      { timeframe: '1m', bars: 120, firstMs: 60_000_000, lastMs: 60_000 * 1119 },
    ]);
    expect(kraken.firstMs).toBe(3_600_000 * 16);
    expect(kraken.lastMs).toBe(60_000 * 1119);
    expect(kraken.rawTrades).toBe(2);
    expect(kraken.gaps).toEqual({ backfilled: 2, unfillable: 1, pending: 0 });
    // 122 bars and 2 trades at their serialised size (UTF-16), not zero and not the whole store.
    expect(kraken.approxBytes).toBeGreaterThan(122 * 200);
    expect(kraken.approxBytes).toBeLessThan(122 * 1000);
    expect(entries[2]!.rawTrades).toBe(1);
    expect(entries[0]!.gaps).toEqual({ backfilled: 0, unfillable: 0, pending: 0 });
    db.close();
  });

  it('is empty for an empty store', async () => {
    const db = new TapewatchDb(`library-${Math.random()}`);
    expect(await libraryEntries(db)).toEqual([]);
    db.close();
  });
});
