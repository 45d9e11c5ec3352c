import { describe, expect, it } from 'vitest';
import type { Quote } from '../exchange/types';
import { quoteMetrics } from './quote-metrics';

const quote = (bid: string, bidSize: string, ask: string, askSize: string): Quote => ({
  venue: 'binance-spot',
  symbol: 'BTCUSDT',
  timeMs: 1_723_161_254_087,
  bid,
  bidSize,
  ask,
  askSize,
});

describe('quoteMetrics', () => {
  it('computes mid, spread, bps, microprice and imbalance of a real BTCUSDT book', () => {
    // First bookTicker of the 2024-08-08 Binance recording.
    const m = quoteMetrics(quote('61837.63000000', '3.78826000', '61837.64000000', '1.54698000'));
    expect(m).not.toBeNull();
    expect(m?.mid).toBeCloseTo(61837.635, 9);
    expect(m?.spread).toBeCloseTo(0.01, 9);
    expect(m?.spreadBps).toBeCloseTo((0.01 / 61837.635) * 1e4, 12);
    // More bid size: the microprice leans toward the ask.
    const expected = (61837.63 * 1.54698 + 61837.64 * 3.78826) / (3.78826 + 1.54698);
    expect(m?.microprice).toBeCloseTo(expected, 8);
    expect(m?.microprice as number).toBeGreaterThan(m?.mid as number);
    expect(m?.imbalance).toBeCloseTo((3.78826 - 1.54698) / (3.78826 + 1.54698), 14);
  });

  it('handles a locked book and one-sided size', () => {
    const locked = quoteMetrics(quote('100', '1', '100', '0'));
    expect(locked?.spread).toBe(0);
    expect(locked?.imbalance).toBe(1);
    expect(locked?.microprice).toBe(100);
  });

  it('rejects crossed, empty or malformed books', () => {
    expect(quoteMetrics(quote('101', '1', '100', '1'))).toBeNull();
    expect(quoteMetrics(quote('100', '0', '101', '0'))).toBeNull();
    expect(quoteMetrics(quote('0', '1', '101', '1'))).toBeNull();
    expect(quoteMetrics(quote('abc', '1', '101', '1'))).toBeNull();
    expect(quoteMetrics(quote('100', '-1', '101', '2'))).toBeNull();
  });
});
