import { describe, expect, it } from 'vitest';
import { formatBarTime, formatBps, formatPrice, formatValue, pricePrecision } from './price-format';

describe('price formatting', () => {
  it('shows every price of an instrument at one precision, exactly', () => {
    const precision = pricePrecision(['66979.5', '66980.12', '66981'], '0.01');
    expect(precision).toBe(2);
    expect(formatPrice('66979.5', precision)).toBe('66979.50');
    expect(formatPrice('66981', precision)).toBe('66981.00');
    expect(formatPrice('66980.12', precision)).toBe('66980.12');
    // Never rounds away a decimal the venue sent.
    expect(formatPrice('0.123456', 2)).toBe('0.123456');
    expect(formatPrice('12.3400', 2)).toBe('12.34');
    expect(pricePrecision(['1.5', '2'])).toBe(1);
  });

  it('formats indicator values with about five significant digits, — while warming up', () => {
    expect(formatValue(54.32109)).toBe('54.321');
    expect(formatValue(1234567.89)).toBe('1234568');
    expect(formatValue(0.000123456)).toBe('0.00012346');
    expect(formatValue(null)).toBe('—');
    expect(formatValue(Number.NaN)).toBe('—');
    expect(formatValue(66979.5, 2)).toBe('66979.50');
  });

  it('formats bar times per timeframe', () => {
    const t = Date.UTC(2026, 0, 2, 3, 4, 5);
    expect(formatBarTime(t, '1s')).toBe('2026-01-02 03:04:05 UTC');
    expect(formatBarTime(t, '1m')).toBe('2026-01-02 03:04 UTC');
    expect(formatBarTime(t, '1d')).toBe('2026-01-02 UTC');
  });

  it('never prints 0.00 bps or NaN bps', () => {
    expect(formatBps(null)).toBe('—');
    expect(formatBps(Number.NaN)).toBe('—');
    expect(formatBps(0.0149)).toBe('0.0149 bps');
    expect(formatBps(0.15)).toBe('0.150 bps');
    expect(formatBps(1.234)).toBe('1.23 bps');
    expect(formatBps(12.34)).toBe('12.3 bps');
  });
});
