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
      expectClose(s.adf?.statistic as number, e.spreadAdf.aic.statistic);
      expectClose(s.adf?.pvalue as number, e.spreadAdf.aic.pvalue);
      expect(s.adf?.usedlag).toBe(e.spreadAdf.aic.usedlag);
      expectClose(s.coint.statistic, e.coint.statistic);
      expectClose(s.coint.pvalue, e.coint.pvalue);
      expectClose(s.halfLifeBars as number, e.halfLife.halfLife);
    });
  }

  it('reports an exact hedge without ADF or half-life', () => {
    const b = Array.from({ length: 100 }, (_, i) => 100 + Math.sin(i) * 3 + i * 0.1);
    const s = pairSummary(
      b.map((v) => 5 + 2 * v),
      b,
    );
    expect(s.ols.beta).toBeCloseTo(2, 12);
    expect(s.adf).toBeNull();
    expect(s.halfLifeBars).toBeNull();
    expect(s.coint.statistic).toBe(-Infinity);
  });
});
