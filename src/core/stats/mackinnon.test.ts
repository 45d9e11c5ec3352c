import { describe, expect, it } from 'vitest';
import { expectClose, loadMacKinnon } from '../../../test/fixtures/stats/stats-fixtures';
import { mackinnonCrit, mackinnonP } from './mackinnon';

const fixture = loadMacKinnon();

describe('mackinnonP', () => {
  it('equals statsmodels mackinnonp on a grid over every table (N 1..6, n/c/ct/ctt)', () => {
    let checked = 0;
    for (const row of fixture.pvalues) {
      row.stats.forEach((stat, i) => {
        const expected = row.p[i] as number;
        // Relative even for tiny p-values: the normal CDF is Cephes', as scipy's.
        expectClose(
          mackinnonP(stat, row.regression, row.N),
          expected,
          1e-12,
          0,
          `${row.regression} N=${row.N} stat=${stat}`,
        );
        checked++;
      });
    }
    expect(checked).toBe(480);
  });

  it('clamps outside the tabulated range and rejects N outside 1..6', () => {
    expect(mackinnonP(-100, 'c', 1)).toBe(0);
    expect(mackinnonP(5, 'c', 1)).toBe(1);
    expect(mackinnonP(-Infinity, 'c', 2)).toBe(0);
    expect(() => mackinnonP(-3, 'c', 7)).toThrow(RangeError);
  });
});

describe('mackinnonCrit', () => {
  it('equals statsmodels mackinnoncrit for every N, trend and a range of sample sizes', () => {
    for (const row of fixture.critical) {
      const nobs = row.nobs === 'inf' ? Infinity : row.nobs;
      const got = mackinnonCrit(row.N, row.regression, nobs);
      got.forEach((v, i) =>
        expectClose(v, row.values[i] as number, 1e-13, 0, `${row.regression} N=${row.N} nobs=${row.nobs}`),
      );
    }
  });

  it('has no 2010 table for trend n beyond N = 1', () => {
    expect(() => mackinnonCrit(2, 'n', 100)).toThrow(RangeError);
  });
});
