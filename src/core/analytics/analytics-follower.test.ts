import { describe, expect, it } from 'vitest';
import { CandleAggregator } from '../candles/aggregator';
import type { Candle, CandleUpdate } from '../candles/candle';
import { DemoMarket } from '../demo/demo-market';
import { validateTrade } from '../exchange/validate';
import { AnalyticsFollower } from './analytics-follower';
import { AnalyticsStage } from './analytics-stage';
import type { AnalyticsFrame } from './analytics-view';

describe('AnalyticsFollower', () => {
  it('computes the view from relayed batches, one frame per animation frame, as the feed would', async () => {
    const start = Date.UTC(2026, 0, 5);
    const { trades } = new DemoMarket(3, start).advance(start + 3_600_000);
    const agg = new CandleAggregator({ timeframes: ['1m'], latenessMs: 60_000 });
    const batches: CandleUpdate[][] = [];
    trades.forEach((t, i) => {
      const v = validateTrade(t, start + 3_600_000);
      if (v.ok) agg.add(v.value);
      agg.advanceTo(t.timeMs - 2_000);
      if (i % 40 === 39) batches.push(agg.drain());
    });
    const view = { viewId: 3, key: 'demo:BTCUSDT', timeframe: '1m', indicators: [{ id: 'e', spec: 'ema:9' }] } as const;

    const empty = { recent: async (): Promise<Candle[]> => [] };
    const frames: AnalyticsFrame[] = [];
    const callbacks: (() => void)[] = [];
    const stage = new AnalyticsStage(empty);
    const follower = new AnalyticsFollower(
      stage,
      (cb) => callbacks.push(cb),
      (f) => frames.push(f),
    );
    await stage.setView(view);
    expect(callbacks).toHaveLength(1); // the reset frame asks for a frame
    for (const b of batches) follower.relay(b);
    expect(callbacks).toHaveLength(1); // coalesced until the frame runs
    callbacks.shift()?.();
    expect(frames).toHaveLength(1);

    // The same batches through a stage in the emit path give the same rows.
    const direct = new AnalyticsStage(empty);
    await direct.setView(view);
    const expected = direct.frame(batches.flat());
    expect(frames[0]).toEqual(expected);
    expect(frames[0]?.indicators[0]?.rows.length).toBeGreaterThan(40);

    follower.stop();
    follower.relay(batches[0] ?? []);
    expect(callbacks).toHaveLength(0);
  });
});
