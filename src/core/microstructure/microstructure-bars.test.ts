import { describe, expect, it } from 'vitest';
import type { Quote, TakerSide, Trade } from '../exchange/types';
import { MicrostructureBars, type MicrostructureUpdate } from './microstructure-bars';

const T0 = 1_723_161_240_000; // a minute boundary
const quote = (timeMs: number, bid: number, bidSize: number, ask: number, askSize: number): Quote => ({
  venue: 'binance-spot',
  symbol: 'BTCUSDT',
  timeMs,
  bid: String(bid),
  bidSize: String(bidSize),
  ask: String(ask),
  askSize: String(askSize),
});
const trade = (timeMs: number, size: number, side: TakerSide): Trade => ({
  venue: 'binance-spot',
  symbol: 'BTCUSDT',
  timeMs,
  price: '100',
  size: String(size),
  side,
});

describe('MicrostructureBars', () => {
  it('aggregates a bar of quotes and trades and closes it on the next bar', () => {
    const bars = new MicrostructureBars(60_000);
    bars.onQuote(quote(T0 + 1_000, 100, 3, 100.1, 1));
    bars.onTrade(trade(T0 + 2_000, 2, 'buy'));
    bars.onTrade(trade(T0 + 3_000, 0.5, 'sell'));
    bars.onTrade(trade(T0 + 4_000, 1, 'unknown'));
    const forming = bars.onQuote(quote(T0 + 10_000, 100, 1, 100.2, 1));
    expect(forming).toHaveLength(1);
    const f = (forming[0] as MicrostructureUpdate).bar;
    expect(forming[0]?.kind).toBe('replace');
    expect(f.openTimeMs).toBe(T0);
    expect(f.trades).toBe(3);
    expect(f.buyVolume).toBe(2);
    expect(f.sellVolume).toBe(0.5);
    expect(f.volumeDelta).toBe(1.5);
    expect(f.tradeImbalance).toBeCloseTo(1.5 / 2.5, 14);
    expect(f.cvd).toBe(1.5);
    expect(f.tradesPerSecond).toBeCloseTo(3 / 10, 14); // 10 s elapsed
    expect(f.mid).toBeCloseTo(100.1, 12);
    expect(f.bookImbalance).toBe(0);
    expect(f.quotes).toBe(2);
    const bps1 = (0.1 / 100.05) * 1e4;
    const bps2 = (0.2 / 100.1) * 1e4;
    expect(f.meanSpreadBps).toBeCloseTo((bps1 + bps2) / 2, 9);

    const next = bars.onTrade(trade(T0 + 61_000, 1, 'sell'));
    expect(next.map((u) => u.kind)).toEqual(['add', 'replace']);
    const closed = (next[0] as MicrostructureUpdate).bar;
    expect(closed.closed).toBe(true);
    expect(closed.cvd).toBe(1.5);
    expect(closed.tradesPerSecond).toBeCloseTo(3 / 60, 14);
    const n = (next[1] as MicrostructureUpdate).bar;
    expect(n.openTimeMs).toBe(T0 + 60_000);
    expect(n.cvd).toBe(0.5);
    // The book carries over into a bar without quotes.
    expect(n.mid).toBeCloseTo(100.1, 12);
    expect(n.quotes).toBe(0);
    expect(n.meanSpreadBps).toBeNull();
    expect(n.tradeImbalance).toBe(-1);
  });

  it('drops late events and closes on the clock', () => {
    const bars = new MicrostructureBars(1_000);
    bars.onTrade(trade(T0 + 5_500, 1, 'buy'));
    expect(bars.onTrade(trade(T0 + 4_900, 1, 'buy'))).toEqual([]);
    expect(bars.lateEvents).toBe(1);
    expect(bars.advance(T0 + 5_999)).toEqual([]);
    const closed = bars.advance(T0 + 6_000);
    expect(closed).toHaveLength(1);
    expect(closed[0]?.kind).toBe('add');
    expect(closed[0]?.bar).toMatchObject({ closed: true, trades: 1, cvd: 1 });
    expect(bars.onTrade(trade(T0 + 5_900, 1, 'buy'))).toEqual([]);
    expect(bars.lateEvents).toBe(2);
  });

  it('reports no book before the first valid quote', () => {
    const bars = new MicrostructureBars(60_000);
    const [u] = bars.onTrade(trade(T0, 1, 'buy'));
    expect(u?.bar.mid).toBeNull();
    expect(u?.bar.microprice).toBeNull();
    expect(u?.bar.tradesPerSecond).toBe(1); // elapsed floors at 1 s
    expect(() => new MicrostructureBars(0)).toThrow(RangeError);
  });
});
