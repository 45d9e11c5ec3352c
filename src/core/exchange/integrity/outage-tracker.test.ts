import { describe, expect, it } from 'vitest';
import type { Trade } from '../types';
import { OutageTracker } from './outage-tracker';

const T0 = Date.UTC(2026, 0, 5);
const trade = (symbol: string, timeMs: number): Trade => ({
  venue: 'bybit-spot',
  symbol,
  timeMs,
  price: '100',
  size: '1',
  side: 'buy',
});

describe('OutageTracker', () => {
  it('records nothing while the connection stays up', () => {
    const t = new OutageTracker();
    for (let i = 0; i < 5; i++) expect(t.observe(trade('BTCUSDT', T0 + i))).toBeNull();
  });

  it('spans an interruption from the newest trade before it to the first trade after it', () => {
    const t = new OutageTracker();
    t.observe(trade('BTCUSDT', T0 + 10));
    t.observe(trade('BTCUSDT', T0 + 20));
    t.observe(trade('ETHUSDT', T0 + 15));
    t.interrupt('bybit-spot', ['BTCUSDT', 'ETHUSDT', 'SOLUSDT']);
    expect(t.pending).toBe(2); // SOLUSDT never traded: nothing to bound the hole with
    expect(t.observe(trade('BTCUSDT', T0 + 90))).toEqual({
      venue: 'bybit-spot',
      symbol: 'BTCUSDT',
      fromTimeMs: T0 + 20,
      toTimeMs: T0 + 90,
    });
    expect(t.observe(trade('BTCUSDT', T0 + 95))).toBeNull();
    expect(t.observe(trade('ETHUSDT', T0 + 80))).toMatchObject({ fromTimeMs: T0 + 15, toTimeMs: T0 + 80 });
    expect(t.pending).toBe(0);
  });

  it('merges interruptions with no trade between them into one gap', () => {
    const t = new OutageTracker();
    t.observe(trade('BTCUSDT', T0));
    t.interrupt('bybit-spot', ['BTCUSDT']);
    t.interrupt('bybit-spot', ['BTCUSDT']);
    expect(t.observe(trade('BTCUSDT', T0 + 50))).toMatchObject({ fromTimeMs: T0, toTimeMs: T0 + 50 });
  });

  it('does not let an older straggler end the outage', () => {
    const t = new OutageTracker();
    t.observe(trade('BTCUSDT', T0 + 30));
    t.interrupt('bybit-spot', ['BTCUSDT']);
    expect(t.observe(trade('BTCUSDT', T0 + 25))).toBeNull();
    expect(t.observe(trade('BTCUSDT', T0 + 40))).toMatchObject({ fromTimeMs: T0 + 30, toTimeMs: T0 + 40 });
  });

  it('resumes from stored history: the first trade after a reload closes a gap from the stored end', () => {
    const t = new OutageTracker();
    t.resume('bybit-spot', 'BTCUSDT', T0);
    expect(t.observe(trade('BTCUSDT', T0 + 61_000))).toMatchObject({ fromTimeMs: T0, toTimeMs: T0 + 61_000 });
    // Instruments are separate by venue too.
    t.observe({ ...trade('BTCUSDT', T0 + 61_000), venue: 'bitstamp' });
    t.interrupt('bitstamp', ['BTCUSDT']);
    expect(t.observe(trade('BTCUSDT', T0 + 62_000))).toBeNull();
  });
});
