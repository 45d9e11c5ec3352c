import { describe, expect, it } from 'vitest';
import type { Trade } from '../exchange/types';
import { TradeDedup } from './trade-dedup';

const trade = (id: number | undefined, timeMs = 1): Trade => ({
  venue: 'binance-spot',
  symbol: 'BTCUSDT',
  ...(id !== undefined ? { id } : {}),
  timeMs,
  price: '1',
  size: '1',
  side: 'buy',
});

describe('bounded de-duplication', () => {
  it('knows every id of the window, and says when an id is too old to tell', () => {
    const dedup = new TradeDedup(4);
    expect([1, 2, 3, 4, 5, 6].map((id) => dedup.check(trade(id)))).toEqual(['new', 'new', 'new', 'new', 'new', 'new']);
    expect(dedup.check(trade(6))).toBe('duplicate');
    expect(dedup.check(trade(3))).toBe('duplicate');
    expect(dedup.check(trade(2))).toBe('unknowable');
    expect(dedup.check(trade(10))).toBe('new');
  });

  it('rows without ids are the same trade when time, price, size and side match', () => {
    const dedup = new TradeDedup(4);
    expect(dedup.check(trade(undefined, 5))).toBe('new');
    expect(dedup.check(trade(undefined, 5))).toBe('duplicate');
    expect(dedup.check(trade(undefined, 6))).toBe('new');
  });
});
