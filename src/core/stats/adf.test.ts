import { describe, expect, it } from 'vitest';
import { expectClose, loadPair, PAIR_FIXTURES, type AdfExpected } from '../../../test/fixtures/stats/stats-fixtures';
import { adfuller, defaultAdfMaxlag, type AdfOptions } from './adf';
import { ols, spreadSeries } from './ols';

function expectAdf(got: ReturnType<typeof adfuller>, e: AdfExpected, label: string): void {
  expect(got.usedlag, `${label} usedlag`).toBe(e.usedlag);
  expect(got.nobs, `${label} nobs`).toBe(e.nobs);
  expectClose(got.statistic, e.statistic, undefined, 0, `${label} statistic`);
  expectClose(got.pvalue, e.pvalue, undefined, 0, `${label} pvalue`);
  expectClose(got.critical['1%'], e.critical['1%'], undefined, 0, `${label} 1%`);
  expectClose(got.critical['5%'], e.critical['5%'], undefined, 0, `${label} 5%`);
  expectClose(got.critical['10%'], e.critical['10%'], undefined, 0, `${label} 10%`);
  if (e.icbest === undefined) expect(got.icbest).toBeNull();
  else expectClose(got.icbest as number, e.icbest, undefined, 0, `${label} icbest`);
}

describe('adfuller equals statsmodels', () => {
  for (const name of PAIR_FIXTURES) {
    describe(name, () => {
      const { fixture, a, b } = loadPair(name);
      const line = ols(a, b);
      const spread = spreadSeries(a, b, line.beta, line.alpha);
      const cases: [keyof typeof fixture.expected.spreadAdf, AdfOptions][] = [
        ['aic', {}],
        ['fixedLag4', { maxlag: 4, autolag: null }],
        ['bicCt', { regression: 'ct', autolag: 'bic' }],
        ['tstatN', { regression: 'n', autolag: 't-stat' }],
      ];
      for (const [key, options] of cases) {
        it(`OLS spread, ${key}`, () => expectAdf(adfuller(spread, options), fixture.expected.spreadAdf[key], key));
      }
      it('price level of a: AIC, fixed lag 0, ctt', () => {
        expectAdf(adfuller(a), fixture.expected.aAdf.aic, 'aic');
        expectAdf(adfuller(a, { maxlag: 0, autolag: null }), fixture.expected.aAdf.fixedLag0, 'fixedLag0');
        expectAdf(adfuller(a, { regression: 'ctt' }), fixture.expected.aAdf.cttAic, 'cttAic');
      });
      it('log returns of a', () => {
        const r = new Float64Array(a.length - 1);
        for (let i = 1; i < a.length; i++) r[i - 1] = Math.log((a[i] as number) / (a[i - 1] as number));
        expectAdf(adfuller(r), fixture.expected.aLogReturnAdf.aic, 'logret');
      });
    });
  }

  it('covers both ends: a stationary spread (p < 0.001) and a unit-root one (p > 0.95)', () => {
    const p = (name: (typeof PAIR_FIXTURES)[number]) => loadPair(name).fixture.expected.spreadAdf.aic.pvalue;
    expect(p('btc-eth-1m-stationary')).toBeLessThan(1e-3);
    expect(p('btc-eth-1m-nonstationary')).toBeGreaterThan(0.95);
  });
});

describe('adfuller arguments', () => {
  it('uses statsmodels default maxlag 12·(n/100)^¼, capped by the sample', () => {
    expect(defaultAdfMaxlag(1500)).toBe(24);
    expect(defaultAdfMaxlag(100)).toBe(12);
    expect(defaultAdfMaxlag(20)).toBe(8);
    expect(defaultAdfMaxlag(20, 'n')).toBe(9);
  });

  it('rejects a maxlag the sample cannot carry, and tiny samples', () => {
    const x = Array.from({ length: 40 }, (_, i) => Math.sin(i) + i * 0.1);
    expect(() => adfuller(x, { maxlag: 19 })).toThrow(RangeError);
    expect(() => adfuller(x, { maxlag: -1 })).toThrow(RangeError);
    expect(() => adfuller([1, 2, 3])).toThrow(RangeError);
  });
});
