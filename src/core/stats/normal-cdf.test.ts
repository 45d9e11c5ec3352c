import { describe, expect, it } from 'vitest';
import { erf, erfc, normalCdf } from './normal-cdf';

// Values from scipy 1.10 (scipy.stats.norm.cdf, scipy.special.erf/erfc).
const CDF: [number, number][] = [
  [-40, 0],
  [-20, 2.7536241186061556e-89],
  [-8.46, 1.3368876210822366e-17],
  [-5, 2.866515718791933e-7],
  [-1.96, 0.024997895148220435],
  [-0.5, 0.3085375387259869],
  [0, 0.5],
  [0.3, 0.6179114221889526],
  [1, 0.8413447460685429],
  [2.5, 0.9937903346742238],
  [7, 0.9999999999987201],
  [9, 1],
];
const ERF: [number, number, number][] = [
  [-3, -0.9999779095030014, 1.9999779095030015],
  [-0.5, -0.5204998778130465, 1.5204998778130465],
  [0.2, 0.22270258921047845, 0.7772974107895215],
  [0.9, 0.7969082124228322, 0.20309178757716784],
  [1.5, 0.9661051464753108, 0.03389485352468927],
  [5, 0.9999999999984626, 1.5374597944280347e-12],
  [10, 1, 2.0884875837625446e-45],
];

describe('normalCdf', () => {
  it('matches scipy to 1e-14 relative, tails included', () => {
    for (const [x, p] of CDF) {
      const got = normalCdf(x);
      expect(Math.abs(got - p)).toBeLessThanOrEqual(1e-14 * p);
    }
  });

  it('erf and erfc match scipy', () => {
    for (const [x, e, c] of ERF) {
      expect(Math.abs(erf(x) - e)).toBeLessThanOrEqual(1e-15 * Math.abs(e));
      expect(Math.abs(erfc(x) - c)).toBeLessThanOrEqual(1e-14 * c);
    }
  });

  it('passes NaN through', () => {
    expect(normalCdf(NaN)).toBeNaN();
  });
});
