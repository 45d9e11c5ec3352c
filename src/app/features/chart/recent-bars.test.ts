import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../core/candles/candle';
import { RecentBars } from './recent-bars';

function bar(openTimeMs: number, close: string, timeframe: Candle['timeframe'] = '1m'): Candle {
  return {
    venue: 'demo',
    symbol: 'BTCUSDT',
    timeframe,
    openTimeMs,
    open: '1',
    high: close,
    low: '1',
    close,
    volume: '1',
    quoteVolume: '1',
    buyVolume: '1',
    sellVolume: '0',
    trades: 1,
    vwap: 1,
    closed: false,
  };
}

const KEY = 'demo|BTCUSDT|1m';

describe('RecentBars', () => {
  it('keeps the newest version of each bar, per series, oldest first', () => {
    const recent = new RecentBars();
    recent.add(bar(120_000, '3'));
    recent.add(bar(60_000, '2'));
    recent.add(bar(120_000, '4'));
    recent.add(bar(0, '9', '1h'));
    expect(recent.over(KEY, []).map((c) => [c.openTimeMs, c.close])).toEqual([
      [60_000, '2'],
      [120_000, '4'],
    ]);
    expect(recent.over('demo|BTCUSDT|1h', []).map((c) => c.close)).toEqual(['9']);
    expect(recent.has('demo|ETHUSDT|1m')).toBe(false);
  });

  it('lays its bars over stored ones: stored older bars stay, its newer versions win', () => {
    const recent = new RecentBars();
    recent.add(bar(120_000, '5'));
    const stored = [bar(0, '1'), bar(60_000, '2'), bar(120_000, '3')];
    expect(recent.over(KEY, stored).map((c) => c.close)).toEqual(['1', '2', '5']);
    expect(recent.lacksAny(KEY, stored)).toBe(true);
    expect(recent.lacksAny(KEY, [bar(120_000, '3')])).toBe(false);
  });

  it('forgets the stalest bars past its bound', () => {
    const recent = new RecentBars(3);
    for (let i = 0; i < 5; i++) recent.add(bar(i * 60_000, String(i + 1)));
    expect(recent.over(KEY, []).map((c) => c.openTimeMs)).toEqual([120_000, 180_000, 240_000]);
  });
});
