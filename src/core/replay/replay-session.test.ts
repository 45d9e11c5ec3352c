import { describe, expect, it } from 'vitest';
import { aggregateTrades } from '../candles/aggregate-trades';
import type { Candle } from '../candles/candle';
import { DemoMarket } from '../demo/demo-market';
import { ReplaySession } from './replay-session';

describe('ReplaySession', () => {
  const from = Date.UTC(2025, 0, 1);
  const to = from + 10 * 60_000;
  const trades = new DemoMarket(3, from).advance(to).trades.filter((t) => t.symbol === 'BTCUSDT');

  it('replays trades through the pipeline at speed and ends with the same bars as direct aggregation', () => {
    const session = new ReplaySession(trades, [], ['1m'], from, to);
    session.speed = 60;
    const bars = new Map<number, Candle>();
    let steps = 0;
    while (!session.done) {
      for (const u of session.advance(1_000)) bars.set(u.candle.openTimeMs, u.candle);
      steps++;
    }
    // 10 minutes at 60× in 1 s steps: 10 steps.
    expect(steps).toBe(10);
    const direct = aggregateTrades(trades, '1m');
    expect([...bars.values()].map((c) => [c.openTimeMs, c.close, c.volume, c.trades])).toEqual(
      direct.map((c) => [c.openTimeMs, c.close, c.volume, c.trades]),
    );
  });

  it('reveals stored bars only once their close time has been replayed', () => {
    const bars = aggregateTrades(trades, '1m');
    const session = new ReplaySession([], bars, ['1m'], from, to);
    session.speed = 1;
    expect(session.seekTo(from + 59_998)).toEqual([]);
    expect(session.seekTo(from + 59_999).map((u) => u.candle.openTimeMs)).toEqual([from]);
    expect(session.seekTo(to).length).toBe(9);
  });
});
