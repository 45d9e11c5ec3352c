import { describe, expect, it } from 'vitest';
import { loadPair } from '../../../test/fixtures/stats/stats-fixtures';
import { RollingZScore } from './rolling-zscore';

describe('RollingZScore', () => {
  it('matches a naive (v − mean) / sample sd at every bar', () => {
    const { a } = loadPair('btc-eth-1m-stationary');
    for (const window of [2, 20, 100]) {
      const z = new RollingZScore(window);
      for (let i = 0; i < a.length; i++) {
        const got = z.add(a[i] as number);
        if (i < window - 1) {
          expect(got).toBeNull();
          continue;
        }
        const slice = Array.from(a.subarray(i - window + 1, i + 1));
        const mean = slice.reduce((s, v) => s + v, 0) / window;
        const sd = Math.sqrt(slice.reduce((s, v) => s + (v - mean) ** 2, 0) / (window - 1));
        if (sd === 0) {
          expect(got).toBeNull();
          continue;
        }
        expect(Math.abs((got as number) - ((a[i] as number) - mean) / sd)).toBeLessThan(1e-7);
      }
    }
  });

  it('replace scores the forming value without committing it', () => {
    const z = new RollingZScore(3);
    z.add(1);
    z.add(2);
    expect(z.replace(3)).toBeCloseTo(1, 14);
    expect(z.replace(100)).not.toBeCloseTo(1);
    expect(z.add(3)).toBeCloseTo(1, 14);
  });
});
