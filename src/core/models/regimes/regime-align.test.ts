import { describe, expect, it } from 'vitest';
import { alignRegime } from './regime-align';

const row = { openTimeMs: 60_000, state: 0, probabilities: [0.8, 0.2] };

describe('alignRegime', () => {
  it('keeps a row whose fit named the states the same way', () => {
    expect(alignRegime(row, ['calm', 'volatile'], ['calm', 'volatile'])).toBe(row);
  });

  it('relabels a row of a fit that ordered the states the other way, by name', () => {
    expect(alignRegime(row, ['volatile', 'calm'], ['calm', 'volatile'])).toEqual({
      openTimeMs: 60_000,
      state: 1,
      probabilities: [0.2, 0.8],
    });
  });

  it('drops a row of a fit with other states', () => {
    expect(alignRegime(row, ['calm', 'volatile'], ['calm', 'moderate', 'volatile'])).toBeNull();
    expect(alignRegime(row, ['calm', 'volatile'], ['calm', 'moderate'])).toBeNull();
  });
});
