import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitArima } from './fit-arima';

/** Fixtures written by test/reference/arima-statsmodels.py (statsmodels' ARIMA, default settings). */
interface Reference {
  statsmodels: string;
  fits: {
    series: 'stationary' | 'integrated';
    order: [number, number, number];
    params: Record<string, number>;
    loglik: number;
    aic: number;
  }[];
}
const FIXTURES = new URL('../../../../../test/fixtures/forecast/', import.meta.url);
const reference = JSON.parse(readFileSync(new URL('arima-statsmodels.json', FIXTURES), 'utf8')) as Reference;
const rows = readFileSync(new URL('arima-series.csv', FIXTURES), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(','));
const series = {
  stationary: rows.map((r) => Number(r[1])),
  integrated: rows.map((r) => Number(r[2])),
};

function relative(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-12);
}

describe('fitArima matches statsmodels ARIMA', () => {
  it('covers the orders of the brief', () => {
    const orders = reference.fits.map((f) => f.order.join(','));
    for (const order of ['1,0,0', '0,1,1', '1,1,1', '2,1,0', '2,0,1']) expect(orders).toContain(order);
  });

  for (const fixture of reference.fits) {
    const [p, d, q] = fixture.order;
    it(`ARIMA(${p},${d},${q}) on the ${fixture.series} series: params to 1e-3, loglik to 1e-6 (relative)`, () => {
      const fit = fitArima(series[fixture.series], { p, d, q });
      expect(Object.keys(fit.params)).toEqual(Object.keys(fixture.params));
      for (const [name, expected] of Object.entries(fixture.params)) {
        expect(relative(fit.params[name] as number, expected), name).toBeLessThan(1e-3);
      }
      expect(relative(fit.loglik, fixture.loglik)).toBeLessThan(1e-6);
      expect(relative(fit.aic, fixture.aic)).toBeLessThan(1e-6);
      // An MLE can only be as good as or better than statsmodels' own optimum, never worse.
      expect(fit.loglik).toBeGreaterThanOrEqual(fixture.loglik - 1e-6 * Math.abs(fixture.loglik));
    });
  }

  it('is deterministic', () => {
    const a = fitArima(series.integrated, { p: 1, d: 1, q: 1 });
    const b = fitArima(series.integrated, { p: 1, d: 1, q: 1 });
    expect(a).toEqual(b);
  });
});
