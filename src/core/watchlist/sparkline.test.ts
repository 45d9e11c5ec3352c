import { describe, expect, it } from 'vitest';
import { sparklinePoints } from './sparkline';

describe('sparklinePoints', () => {
  it('spans the box: lowest value at the bottom pad, highest at the top pad', () => {
    expect(sparklinePoints([1, 3, 2], 100, 20, 1)).toBe('0,19 50,1 100,10');
  });
  it('draws a flat series through the middle and nothing for one point', () => {
    expect(sparklinePoints([5, 5], 10, 20)).toBe('0,10 10,10');
    expect(sparklinePoints([5], 10, 20)).toBe('');
  });
});
