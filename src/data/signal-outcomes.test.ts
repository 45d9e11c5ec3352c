import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../core/candles/candle';
import { TapewatchDb } from './db';
import type { StoredSignal } from './forecast-types';
import { judgeStoredSignals } from './signal-outcomes';

const MIN = 60_000;
const KEY = { venue: 'binance-spot', symbol: 'BTCUSDT', timeframe: '1m' } as const;

function bar(minute: number, high: number, low: number, close: number, closed = true): Candle {
  return {
    ...KEY,
    openTimeMs: minute * MIN,
    open: String(close),
    high: String(high),
    low: String(low),
    close: String(close),
    volume: '1',
    quoteVolume: '1',
    buyVolume: '1',
    sellVolume: '0',
    trades: 1,
    vwap: close,
    closed,
  };
}

function signal(minute: number, action: 'BUY' | 'SELL', horizon = 3): StoredSignal {
  return {
    ...KEY,
    openTimeMs: minute * MIN,
    model: 'signals-v1',
    action,
    confidence: 0.6,
    entry: 100,
    stop: action === 'BUY' ? 95 : 105,
    target: action === 'BUY' ? 110 : 90,
    riskReward: 2,
    expectedValue: 0.1,
    kelly: 0.05,
    horizon,
    evidence: [],
    madeAtMs: minute * MIN,
  };
}

describe('judging stored signals on the stored bars after them', () => {
  it('uses only closed bars after the signal bar, at most its horizon, and says when it was decided', async () => {
    const db = new TapewatchDb(`outcomes-${Math.random()}`);
    await db.candles.bulkPut([
      bar(0, 101, 99, 100),
      bar(1, 104, 98, 101),
      bar(2, 111, 97, 108), // the BUY's target is reached at its second bar
      bar(3, 112, 90, 100),
      bar(10, 100, 99, 100),
      bar(11, 101, 94, 99), // the SELL of minute 10: its stop (105) is never reached, nor its target
      bar(12, 102, 98, 101, false), // forming: not known yet
      bar(20, 100, 100, 100),
      bar(21, 106, 89, 100), // both levels of the SELL of minute 20 in one bar: failed
    ]);
    const judged = await judgeStoredSignals(db, [signal(0, 'BUY'), signal(10, 'SELL'), signal(20, 'SELL')]);
    expect(judged.map((j) => [j.openTimeMs / MIN, j.outcome?.worked ?? null, j.outcome?.reason ?? null])).toEqual([
      [0, true, 'target'],
      [10, null, null],
      [20, false, 'both'],
    ]);
    expect(judged.map((j) => (j.decidedAtMs === null ? null : j.decidedAtMs / MIN))).toEqual([2, null, 21]);
    db.close();
  });

  it('judges a trade with no touch by the close after its horizon', async () => {
    const db = new TapewatchDb(`outcomes-${Math.random()}`);
    await db.candles.bulkPut([bar(0, 100, 100, 100), bar(1, 102, 99, 101), bar(2, 103, 98, 102), bar(3, 101, 99, 99)]);
    const [buy] = await judgeStoredSignals(db, [signal(0, 'BUY')]);
    expect(buy?.outcome).toEqual({ worked: false, reason: 'close-down', bars: 3 });
    expect(buy?.decidedAtMs).toBe(3 * MIN);
    db.close();
  });
});
