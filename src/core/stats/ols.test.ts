import { describe, expect, it } from 'vitest';
import { expectClose, loadPair, PAIR_FIXTURES } from '../../../test/fixtures/stats/stats-fixtures';
import { ols, spreadSeries } from './ols';

describe('ols', () => {
  for (const name of PAIR_FIXTURES) {
    it(`equals statsmodels OLS(a, add_constant(b)) on ${name}`, () => {
      const { fixture, a, b } = loadPair(name);
      const e = fixture.expected.ols;
      const got = ols(a, b);
      expectClose(got.beta, e.beta, undefined, 0, 'beta');
      expectClose(got.alpha, e.alpha, undefined, 0, 'alpha');
      expectClose(got.betaStdErr, e.betaStdErr, undefined, 0, 'se(beta)');
      expectClose(got.alphaStdErr, e.alphaStdErr, undefined, 0, 'se(alpha)');
      expectClose(got.ssr, e.ssr, undefined, 0, 'ssr');
      expectClose(got.rsquared, e.rsquared, undefined, 0, 'rsquared');
      expect(got.nobs).toBe(a.length);
    });
  }

  it('rejects mismatched lengths, tiny samples and constant x', () => {
    expect(() => ols([1, 2, 3], [1, 2])).toThrow(RangeError);
    expect(() => ols([1, 2], [1, 2])).toThrow(RangeError);
    expect(() => ols([1, 2, 3, 4], [5, 5, 5, 5])).toThrow(RangeError);
  });

  it('spreadSeries is y − beta·x − alpha', () => {
    expect(Array.from(spreadSeries([10, 12], [1, 2], 2, 7))).toEqual([1, 1]);
  });
});
