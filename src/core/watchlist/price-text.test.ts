import { describe, expect, it } from 'vitest';
import { decimalsOfPrice, decimalsOfTick, priceAtDecimals, signedPercent } from './price-text';

describe('price text', () => {
  it('reads decimals from tick sizes as listings spell them', () => {
    expect(decimalsOfTick('0.01000000')).toBe(2);
    expect(decimalsOfTick('0.5')).toBe(1);
    expect(decimalsOfTick('1')).toBe(0);
    expect(decimalsOfTick('1.0')).toBe(0);
    expect(decimalsOfTick('abc')).toBeNull();
    expect(decimalsOfPrice('66979.50')).toBe(1);
    expect(decimalsOfPrice('3')).toBe(0);
  });

  it('pads to the tick precision and never rounds', () => {
    expect(priceAtDecimals('66979.5', 2)).toBe('66979.50');
    expect(priceAtDecimals('66979', 2)).toBe('66979.00');
    expect(priceAtDecimals('0.12345', 2)).toBe('0.12345');
    expect(priceAtDecimals('12.3400', 0)).toBe('12.34');
    expect(priceAtDecimals('12', 0)).toBe('12');
  });

  it('signs percentages with a typographic minus', () => {
    expect(signedPercent(1.234)).toBe('+1.23 %');
    expect(signedPercent(-0.4)).toBe('−0.40 %');
    expect(signedPercent(-0.001)).toBe('0.00 %');
  });
});
