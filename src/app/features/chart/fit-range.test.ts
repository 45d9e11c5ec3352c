import { describe, expect, it } from 'vitest';
import { fitRange } from './fit-range';

describe('fitRange', () => {
  it('keeps a few bars at an ordinary width instead of stretching or jamming them', () => {
    expect(fitRange(3, 120)).toEqual({ from: -24, to: 6 });
    expect(fitRange(0, 120)).toBeNull();
  });

  it('shows the newest bars of a long history', () => {
    expect(fitRange(5000, 120)).toEqual({ from: 4883, to: 5003 });
  });
});
