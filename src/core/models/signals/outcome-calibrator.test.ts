import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../demo/rng';
import { OutcomeCalibrator } from './outcome-calibrator';

describe('OutcomeCalibrator', () => {
  it('learns the rate at which trades of a score worked, non-decreasing in |score|, per group', () => {
    const random = mulberry32(4);
    const c = new OutcomeCalibrator();
    // True P(worked) = 0.3 + 0.4 |score| in group 0; a flat 0.6 in group 1.
    for (let i = 0; i < 40_000; i++) {
      const score = random() * 2 - 1;
      c.record(0, score, random() < 0.3 + 0.4 * Math.abs(score), 0);
      c.record(1, score, random() < 0.6, 0);
    }
    let previous = 0;
    for (const s of [0.05, 0.25, 0.45, 0.65, 0.85, 0.95]) {
      const { p } = c.calibrate(0, s);
      expect(Math.abs(p - (0.3 + (0.4 * (Math.floor(s * 10) + 0.5)) / 10))).toBeLessThan(0.03);
      expect(p).toBeGreaterThanOrEqual(previous);
      previous = p;
      expect(Math.abs(c.calibrate(1, -s).p - 0.6)).toBeLessThan(0.03);
    }
  });

  it('pools bins that violate monotonicity and tracks the mean R multiple', () => {
    const c = new OutcomeCalibrator();
    for (let i = 0; i < 1000; i++) {
      c.record(0, 0.15, i % 10 < 6, 0.5); // 60 %
      c.record(0, 0.55, i % 10 < 4, -0.5); // 40 %: below the lower bin, pooled with it
    }
    const low = c.calibrate(0, 0.15);
    const high = c.calibrate(0, 0.55);
    expect(high.p).toBeGreaterThanOrEqual(low.p);
    expect(c.calibrate(0, 0.15).samples).toBe(2000);
    expect(Math.abs(c.calibrate(0, 0.35).meanR)).toBeLessThan(0.05);
    // An empty group knows nothing: 0.5, no edge.
    expect(c.calibrate(7, 0.9)).toEqual({ p: 0.5, meanR: 0, samples: 0 });
  });
});
