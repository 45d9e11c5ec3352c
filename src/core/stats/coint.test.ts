import { describe, expect, it } from 'vitest';
import { expectClose, loadPair, PAIR_FIXTURES, type CointExpected } from '../../../test/fixtures/stats/stats-fixtures';
import { coint } from './coint';

function expectCoint(got: ReturnType<typeof coint>, e: CointExpected): void {
  expectClose(got.statistic, e.statistic, undefined, 0, 'statistic');
  expectClose(got.pvalue, e.pvalue, undefined, 0, 'pvalue');
  got.critical.forEach((c, i) => expectClose(c, e.critical[i] as number, undefined, 0, `critical ${i}`));
}

describe('coint equals statsmodels coint(a, b)', () => {
  for (const name of PAIR_FIXTURES) {
    it(`${name}, trend c and ct`, () => {
      const { fixture, a, b } = loadPair(name);
      expectCoint(coint(a, b), fixture.expected.coint);
      expectCoint(coint(a, b, { trend: 'ct' }), fixture.expected.cointCt);
    });
  }

  it('rejects no cointegration for real data at p ~ 1 and finds it in the synthetic pair', () => {
    expect(loadPair('btc-eth-1m-nonstationary').fixture.expected.coint.pvalue).toBeGreaterThan(0.95);
    expect(loadPair('synthetic-cointegrated').fixture.expected.coint.pvalue).toBeLessThan(1e-8);
  });

  it('reports −Infinity and p = 0 for collinear series, as statsmodels', () => {
    const x = Array.from({ length: 200 }, (_, i) => 100 + Math.sin(i / 7) * 5 + i * 0.01);
    const y = x.map((v) => 3 + 2 * v);
    const got = coint(y, x);
    expect(got.statistic).toBe(-Infinity);
    expect(got.pvalue).toBe(0);
  });

  it('has no critical values for trend n', () => {
    const { a, b } = loadPair('synthetic-cointegrated');
    expect(coint(a, b, { trend: 'n' }).critical.every(Number.isNaN)).toBe(true);
  });
});
