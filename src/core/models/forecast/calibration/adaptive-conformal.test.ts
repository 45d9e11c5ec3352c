import { describe, expect, it } from 'vitest';
import { seededNormal } from '../synthetic-bars';
import { AdaptiveConformal } from './adaptive-conformal';

describe('AdaptiveConformal', () => {
  it('starts at the Gaussian quantile, then covers at α when the scale is wrong by 3×', () => {
    const aci = new AdaptiveConformal({ alpha: 0.2 });
    expect(aci.multiplier()).toBeCloseTo(1.2815515655, 6);
    const normal = seededNormal(4);
    let misses = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const score = Math.abs(3 * normal());
      const used = aci.multiplier();
      if (score > used) misses++;
      aci.update(score, used);
    }
    expect(Math.abs(misses / n - 0.2)).toBeLessThan(0.01);
    expect(aci.multiplier()).toBeGreaterThan(3);
  });

  it('widens after a run of misses (α falls) and narrows after a run of hits', () => {
    const aci = new AdaptiveConformal({ alpha: 0.05, warmUp: 1000 });
    for (let i = 0; i < 20; i++) aci.update(10, aci.multiplier());
    expect(aci.currentAlpha).toBeLessThan(0.05);
    const wide = aci.multiplier();
    for (let i = 0; i < 200; i++) aci.update(0, aci.multiplier());
    expect(aci.multiplier()).toBeLessThan(wide);
  });
});
