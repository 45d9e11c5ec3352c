import { describe, expect, it } from 'vitest';
import { expectClose, loadPair, PAIR_FIXTURES } from '../../../test/fixtures/stats/stats-fixtures';
import { pairSummary } from './pair-summary';

describe('pairSummary', () => {
  for (const name of PAIR_FIXTURES) {
    it(`reproduces the statsmodels values on ${name}`, () => {
      const { fixture, a, b } = loadPair(name);
      const e = fixture.expected;
      const s = pairSummary(a, b);
      expect(s.bars).toBe(a.length);
      expectClose(s.ols.beta, e.ols.beta);
      expectClose(s.ols.alpha, e.ols.alpha);
      expectClose(s.adf.statistic, e.spreadAdf.aic.statistic);
      expectClose(s.adf.pvalue, e.spreadAdf.aic.pvalue);
      expect(s.adf.usedlag).toBe(e.spreadAdf.aic.usedlag);
      expectClose(s.coint.statistic, e.coint.statistic);
      expectClose(s.coint.pvalue, e.coint.pvalue);
      expectClose(s.halfLifeBars as number, e.halfLife.halfLife);
    });
  }
});
