import { describe, expect, it } from 'vitest';
import type { Candle } from '../candles/candle';
import { harness, MemoryStore, T0 } from '../../../test/support/feed-harness';

const HOUR = 3_600_000;

function storedBar(close: string, openTimeMs: number): Candle {
  return {
    venue: 'demo',
    symbol: 'BTCUSDT',
    timeframe: '1s',
    openTimeMs,
    open: close,
    high: close,
    low: close,
    close,
    volume: '0.5',
    quoteVolume: '25000',
    buyVolume: '0.25',
    sellVolume: '0.25',
    trades: 3,
    vwap: Number(close),
    closed: true,
  };
}

describe('DemoFallback', () => {
  it('continues from the stored last price and time instead of jumping to the start price on reload', async () => {
    const store = new MemoryStore();
    store.put([storedBar('51234.50', T0 - 10_000)]);
    const h = harness({ mode: 'demo', instruments: ['binance-spot:BTCUSDT'] }, { store });
    await h.controller.start();
    await h.clock.advance(3_000);
    const trades = h.store.trades.filter((t) => t.symbol === 'BTCUSDT');
    expect(trades.length).toBeGreaterThan(0);
    // Ten seconds of synthesised market after the stored bar, then live: all near the stored price.
    for (const t of trades) expect(Math.abs(Number(t.price) / 51234.5 - 1)).toBeLessThan(0.01);
    const bars = h.batches.flatMap((b) => b.updates).filter((u) => u.candle.timeframe === '1s');
    expect(Math.min(...bars.map((u) => u.candle.openTimeMs))).toBe(T0 - 9_000);
    await h.controller.stop();
  });

  it('streams hours of fresh-profile history in small batches of bars, without writing synthetic raw trades', async () => {
    const h = harness({ mode: 'demo', demoHistoryMs: 3 * HOUR });
    await h.controller.start();
    // Within a frame or two the first bars are out (the chart shows candles at once).
    await h.clock.advance(50);
    expect(h.batches.some((b) => b.updates.length > 0)).toBe(true);
    await h.clock.advance(5_000);
    const sizes = h.batches.map((b) => b.updates.length);
    expect(Math.max(...sizes)).toBeLessThan(2_000);
    const minutes = new Set(
      h.store.candles.filter((c) => c.timeframe === '1m' && c.symbol === 'BTCUSDT').map((c) => c.openTimeMs),
    );
    expect(minutes.size).toBeGreaterThanOrEqual(180);
    // Raw trades are only the live ones, after the history.
    expect(h.store.trades.length).toBeGreaterThan(0);
    for (const t of h.store.trades) expect(t.timeMs).toBeGreaterThanOrEqual(T0 - 1_000);
    // The live market continues where the history ends: no jump between the last synthesised close and the next bar.
    const btc1m = [...h.store.candles]
      .filter((c) => c.timeframe === '1m' && c.symbol === 'BTCUSDT')
      .sort((a, b) => a.openTimeMs - b.openTimeMs);
    for (let i = 1; i < btc1m.length; i++) {
      const prev = btc1m[i - 1] as Candle;
      const bar = btc1m[i] as Candle;
      if (bar.openTimeMs === prev.openTimeMs) continue;
      expect(Math.abs(Number(bar.open) / Number(prev.close) - 1)).toBeLessThan(0.01);
    }
    // The demo has its own row in the health panel.
    expect(h.controller.health().connections.find((c) => c.id === 'demo')).toMatchObject({
      venue: 'demo',
      state: { kind: 'live' },
      symbols: ['BTCUSDT', 'ETHUSDT'],
    });
    await h.controller.stop();
  });
});
