import { describe, expect, it } from 'vitest';
import type { Candle, CandleUpdate } from '../candles/candle';
import type { InstrumentKey } from '../exchange/types';
import { AnalyticsStage, type StoredCandles } from './analytics-stage';
import type { AnalyticsView } from './analytics-view';

const T0 = Date.UTC(2026, 0, 5);
const A: InstrumentKey = 'binance-spot:BTCUSDT';
const B: InstrumentKey = 'coinbase:ETH-USD';

function bar(key: InstrumentKey, i: number, close: number): Candle {
  const [venue, symbol] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  const c = close.toFixed(2);
  return {
    venue,
    symbol,
    timeframe: '1s',
    openTimeMs: T0 + i * 1_000,
    open: c,
    high: c,
    low: c,
    close: c,
    volume: '1',
    quoteVolume: c,
    buyVolume: '1',
    sellVolume: '0',
    trades: 1,
    vwap: close,
    closed: true,
  } as Candle;
}

/** A cointegrated pair with noise: b a random walk, a = 2·b + stationary noise. */
function legs(n: number): { a: Candle[]; b: Candle[] } {
  let seed = 7;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
  let b = 100;
  const out = { a: [] as Candle[], b: [] as Candle[] };
  for (let i = 0; i < n; i++) {
    b += rnd();
    out.a.push(bar(A, i, 2 * b + rnd()));
    out.b.push(bar(B, i, b));
  }
  return out;
}

describe('pair summary when the market goes quiet', () => {
  it('a summary left behind by the refresh limit goes out with a later frame, even without new bars', async () => {
    let now = 0;
    const all = legs(80);
    const stored: StoredCandles = {
      recent: async (key) => (key === A ? all.a.slice(0, 50) : key === B ? all.b.slice(0, 50) : []),
    };
    const stage = new AnalyticsStage(stored, {
      historyBars: 5_000,
      pairSummary: { bars: 2_000, everyMs: 5_000, now: () => now },
    });
    const view: AnalyticsView = {
      viewId: 1,
      key: A,
      timeframe: '1s',
      indicators: [],
      pair: { a: A, b: B, window: 20, divergencePct: 0.5, divergenceBars: 60 },
    };
    await stage.setView(view);
    expect(stage.frame([])?.pair?.summary?.bars).toBe(50);

    // The last bars arrive within the refresh limit: rows go out, the summary waits.
    now = 1_000;
    const live: CandleUpdate[] = [];
    for (let i = 50; i < 80; i++) live.push({ kind: 'add', candle: all.a[i]! }, { kind: 'add', candle: all.b[i]! });
    const busy = stage.frame(live);
    expect(busy?.pair?.rows).toHaveLength(30);
    expect(busy?.pair?.summary?.bars).toBe(50);

    // Then nothing trades. Once the limit has passed, the next (empty) frame brings it up to date.
    now = 3_000;
    expect(stage.frame([])).toBeNull();
    now = 6_500;
    const quiet = stage.frame([]);
    expect(quiet?.pair?.rows).toEqual([]);
    expect(quiet?.pair?.reset).toBe(false);
    expect(quiet?.pair?.summary?.bars).toBe(80);
    // Nothing more to say after that.
    now = 20_000;
    expect(stage.frame([])).toBeNull();
  });
});
