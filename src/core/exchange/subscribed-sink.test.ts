import { describe, expect, it } from 'vitest';
import { CollectingSink } from './collecting-sink';
import { subscribedOnly } from './subscribed-sink';
import type { Quote, Trade } from './types';

const trade = (symbol: string): Trade => ({
  venue: 'kraken',
  symbol,
  id: 1,
  timeMs: 1_700_000_000_000,
  price: '1',
  size: '1',
  side: 'buy',
});
const quote = (symbol: string): Quote => ({
  venue: 'kraken',
  symbol,
  timeMs: 1_700_000_000_000,
  bid: '1',
  bidSize: '1',
  ask: '2',
  askSize: '1',
});

describe('subscribedOnly', () => {
  it('passes the subscribed symbols in any case and legacy spelling, refuses and counts the rest', () => {
    const out = new CollectingSink();
    const sink = subscribedOnly(['XBT/USD', 'btcusdt'], out);
    for (const s of ['XBT/USD', 'BTC/USD', 'btc/usd', 'BTCUSDT', 'ETH/USD', '__proto__', '', 'XBT/USD/EUR']) {
      sink.trade(trade(s));
    }
    sink.quote(quote('BTC/USD'));
    sink.quote(quote('ETHUSDT'));
    expect(out.trades.map((t) => t.symbol)).toEqual(['XBT/USD', 'BTC/USD', 'btc/usd', 'BTCUSDT']);
    expect(out.quotes.map((q) => q.symbol)).toEqual(['BTC/USD']);
    expect(out.rejects.map((r) => r.reason)).toEqual(Array(5).fill('not-subscribed'));
  });

  it('lets controls through but not a heartbeat that names another symbol', () => {
    const out = new CollectingSink();
    const sink = subscribedOnly(['BTC-USD'], out);
    sink.control({ kind: 'heartbeat', symbol: 'BTC-USD', lastTradeId: 5 });
    sink.control({ kind: 'heartbeat', symbol: 'ETH-USD', lastTradeId: 1e15 });
    sink.control({ kind: 'error', message: 'x', symbol: 'ETH-USD' });
    sink.control({ kind: 'pong' });
    sink.reject('malformed', 'x');
    expect(out.controls.map((c) => c.kind)).toEqual(['heartbeat', 'error', 'pong']);
    expect(out.rejects.map((r) => r.reason)).toEqual(['not-subscribed', 'malformed']);
  });
});
