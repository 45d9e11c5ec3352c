import { describe, expect, it } from 'vitest';
import type { ConnectionHealth, FeedHealth, VenueHealth } from '../feed/feed-health';
import { instrumentFeedState } from './feed-state';

function health(connections: Partial<ConnectionHealth>[], venues: Partial<VenueHealth>[] = []): FeedHealth {
  return {
    source: 'live',
    demoReason: null,
    connections: connections as ConnectionHealth[],
    venues: venues as VenueHealth[],
  } as unknown as FeedHealth;
}

describe('instrumentFeedState', () => {
  it('follows the connection carrying the symbol', () => {
    const h = health([
      { venue: 'binance-spot', symbols: ['BTCUSDT'], state: { kind: 'live', sinceMs: 0 } },
      { venue: 'kraken', symbols: ['BTC/USD'], state: { kind: 'reconnecting', nextAttemptAtMs: 0, attempt: 2 } },
      { venue: 'okx', symbols: ['BTC-USDT'], state: { kind: 'region-blocked', detail: 'HTTP 451' } },
    ]);
    expect(instrumentFeedState(h, 'binance-spot:BTCUSDT')).toBe('live');
    expect(instrumentFeedState(h, 'kraken:BTC/USD')).toBe('reconnecting');
    expect(instrumentFeedState(h, 'okx:BTC-USDT')).toBe('blocked');
    expect(instrumentFeedState(h, 'coinbase:BTC-USD')).toBe('unknown');
  });

  it('takes the worst of several sockets and marks refused symbols', () => {
    const h = health(
      [
        { venue: 'binance-usdm', symbols: ['BTCUSDT'], state: { kind: 'live', sinceMs: 0 } },
        { venue: 'binance-usdm', symbols: ['BTCUSDT'], state: { kind: 'stale', silentMs: 9_000 } },
        { venue: 'coinbase', symbols: ['BTC-USD', 'NOPE-USD'], state: { kind: 'live', sinceMs: 0 } },
      ],
      [{ venue: 'coinbase', rejectedSymbols: { 'NOPE-USD': 'unknown product' } }],
    );
    expect(instrumentFeedState(h, 'binance-usdm:BTCUSDT')).toBe('stale');
    expect(instrumentFeedState(h, 'coinbase:NOPE-USD')).toBe('rejected');
    expect(instrumentFeedState(h, 'coinbase:BTC-USD')).toBe('live');
  });

  it('says demo on demo data and unknown before any report', () => {
    expect(instrumentFeedState(null, 'binance-spot:BTCUSDT')).toBe('unknown');
    expect(instrumentFeedState({ ...health([]), source: 'demo' }, 'binance-spot:BTCUSDT')).toBe('demo');
  });
});
