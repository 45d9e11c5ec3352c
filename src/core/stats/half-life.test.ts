import { describe, expect, it } from 'vitest';
import { expectClose, loadPair, PAIR_FIXTURES } from '../../../test/fixtures/stats/stats-fixtures';
import { halfLife } from './half-life';
import { ols, spreadSeries } from './ols';

describe('halfLife', () => {
  for (const name of PAIR_FIXTURES) {
    it(`equals −ln2 / OLS(Δs, add_constant(s₋₁)) slope from statsmodels on ${name}`, () => {
      const { fixture, a, b } = loadPair(name);
      const line = ols(a, b);
      const got = halfLife(spreadSeries(a, b, line.beta, line.alpha));
      expectClose(got.lambda, fixture.expected.halfLife.lambda, undefined, 0, 'lambda');
      expectClose(got.halfLife as number, fixture.expected.halfLife.halfLife, undefined, 0, 'half-life');
    });
  }

  it('is ln2 / 0.1 for s_t = 0.9·s_{t−1} and null for an explosive spread', () => {
    // s_t = 0.9·s_{t−1} exactly: Δs = −0.1·s₋₁, half-life ln2 / 0.1.
    const s = Array.from({ length: 30 }, (_, i) => 100 * 0.9 ** i + (i % 2 === 0 ? 1e-9 : -1e-9));
    expect(halfLife(s).halfLife as number).toBeCloseTo(Math.LN2 / 0.1, 5);
    const explosive = Array.from({ length: 30 }, (_, i) => 1.05 ** i);
    expect(halfLife(explosive).halfLife).toBeNull();
  });
});
