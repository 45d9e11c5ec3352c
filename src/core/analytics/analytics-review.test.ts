import { describe, expect, it } from 'vitest';
import type { Candle } from '../candles/candle';
import type { TimeframeId } from '../candles/timeframe';
import type { InstrumentKey } from '../exchange/types';
import { AnalyticsStage, AnalyticsViewError, type StoredCandles } from './analytics-stage';
import type { AnalyticsFrame, AnalyticsView } from './analytics-view';

const KEY = 'demo:BTCUSDT' as InstrumentKey;
const T0 = Date.UTC(2026, 0, 5);

/** A steady ramp of closes, so SMA values say exactly which bars they were computed from. */
const bar = (i: number): Candle => ({
  venue: 'demo',
  symbol: 'BTCUSDT',
  timeframe: '1m',
  openTimeMs: T0 + i * 60_000,
  open: String(100 + i),
  high: String(100 + i),
  low: String(100 + i),
  close: String(100 + i),
  volume: '1',
  quoteVolume: String(100 + i),
  buyVolume: '1',
  sellVolume: '0',
  trades: 1,
  vwap: 100 + i,
  closed: true,
});
const BARS = Array.from({ length: 1_000 }, (_, i) => bar(i));

class Store implements StoredCandles {
  calls: { limit: number; beforeMs: number | undefined }[] = [];
  async recent(_key: InstrumentKey, _tf: TimeframeId, limit: number, beforeMs?: number): Promise<Candle[]> {
    this.calls.push({ limit, beforeMs });
    return BARS.filter((c) => beforeMs === undefined || c.openTimeMs <= beforeMs).slice(-limit);
  }
}

const view = (over: Partial<AnalyticsView> = {}): AnalyticsView => ({
  viewId: 1,
  key: KEY,
  timeframe: '1m',
  indicators: [{ id: 'sma', spec: 'sma:10' }],
  ...over,
});

describe('AnalyticsStage review window', () => {
  it('computes over the stored bars ending at endMs and ignores live bars', async () => {
    const store = new Store();
    const stage = new AnalyticsStage(store);
    const endMs = T0 + 499 * 60_000;
    await stage.setView(view({ review: { endMs, bars: 200 } }));
    expect(store.calls).toEqual([{ limit: 200, beforeMs: endMs }]);
    const frame = stage.frame([]) as AnalyticsFrame;
    const rows = frame.indicators[0]!.rows;
    expect(rows.map((r) => r.openTimeMs)).toEqual(BARS.slice(300, 500).map((c) => c.openTimeMs));
    // sma:10 of closes 100+i at bar 499 is the mean of 490..499: 594.5; nothing before warm-up.
    expect(rows.at(-1)!.values[0]).toBeCloseTo(594.5, 9);
    expect(rows[8]!.values[0]).toBeNull();
    expect(rows[9]!.values[0]).toBeCloseTo(100 + 304.5, 9);
    // A live bar after the window does not move a review.
    expect(stage.frame([{ kind: 'add', candle: bar(1_000) }])).toBeNull();
  });

  it('refuses a review window past the cap', async () => {
    const stage = new AnalyticsStage(new Store());
    await expect(stage.setView(view({ review: { endMs: T0, bars: 1_000_000 } }))).rejects.toBeInstanceOf(
      AnalyticsViewError,
    );
  });
});
