import { describe, expect, it } from 'vitest';
import { IndicatorSpecError, indicatorId, parseIndicatorSpec } from './indicator-spec';
import { createIndicator, createIndicatorFromSpec } from './registry';

describe('indicator specs', () => {
  it('parses names and parameter lists', () => {
    expect(parseIndicatorSpec('rsi:14')).toEqual({ name: 'rsi', params: [14] });
    expect(parseIndicatorSpec(' MACD:12, 26 ,9 ')).toEqual({ name: 'macd', params: [12, 26, 9] });
    expect(parseIndicatorSpec('obv')).toEqual({ name: 'obv', params: [] });
    expect(parseIndicatorSpec('psar:0.02,.2')).toEqual({ name: 'psar', params: [0.02, 0.2] });
  });

  it('rejects malformed specs', () => {
    for (const bad of ['', ':14', 'rsi:', 'rsi:14,', 'rsi:abc', 'rsi:0x10', 'rsi:1e999', 'rs-i:14', 'rsi:14:2']) {
      expect(() => parseIndicatorSpec(bad), bad).toThrow(IndicatorSpecError);
    }
  });

  it('names columns <name>_<params> with _<output> for secondary outputs, defaults filled in', () => {
    expect(indicatorId('rsi', [14])).toBe('rsi_14');
    expect(createIndicatorFromSpec('macd').columns).toEqual([
      'macd_12_26_9',
      'macd_12_26_9_signal',
      'macd_12_26_9_histogram',
    ]);
    expect(createIndicatorFromSpec('bb:20').columns).toEqual([
      'bb_20_2',
      'bb_20_2_upper',
      'bb_20_2_lower',
      'bb_20_2_percent_b',
      'bb_20_2_bandwidth',
    ]);
    expect(createIndicatorFromSpec('psar').id).toBe('psar_0.02_0.2');
    expect(createIndicatorFromSpec('obv').columns).toEqual(['obv']);
    expect(createIndicator('rsi', [14]).warmup).toBe(14);
  });

  it('checks names, counts and ranges', () => {
    expect(() => createIndicatorFromSpec('nope:3')).toThrow(/unknown indicator/);
    expect(() => createIndicatorFromSpec('rsi:14,2')).toThrow(/at most 1/);
    expect(() => createIndicatorFromSpec('rsi:14.5')).toThrow(/whole number/);
    expect(() => createIndicatorFromSpec('sma:0')).toThrow(/at least 1/);
    expect(() => createIndicatorFromSpec('bb:20,0')).toThrow(/above 0/);
    expect(() => createIndicatorFromSpec('macd:26,12,9')).toThrow(IndicatorSpecError);
    expect(() => createIndicatorFromSpec('obv:1')).toThrow(/at most 0/);
  });
});
