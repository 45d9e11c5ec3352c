import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ArimaCoefficients } from './arima-state-space';
import { fitArima } from './fit-arima';
import { forecastArima } from './forecast-arima';

/** Fixtures written by test/reference/arima-statsmodels.py (statsmodels' ARIMA get_forecast). */
type Bands = Record<'mean' | 'variance' | 'lo80' | 'hi80' | 'lo95' | 'hi95', number[]>;
interface Reference {
  fits: {
    series: 'stationary' | 'integrated';
    order: [number, number, number];
    params: Record<string, number>;
    forecast: Bands;
  }[];
}
const FIXTURES = new URL('../../../../../test/fixtures/forecast/', import.meta.url);
const reference = JSON.parse(readFileSync(new URL('arima-statsmodels.json', FIXTURES), 'utf8')) as Reference;
const rows = readFileSync(new URL('arima-series.csv', FIXTURES), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(','));
const series = { stationary: rows.map((r) => Number(r[1])), integrated: rows.map((r) => Number(r[2])) };

function coefficientsOf(params: Record<string, number>, p: number, q: number): ArimaCoefficients {
  return {
    constant: params['const'] ?? 0,
    ar: Array.from({ length: p }, (_, i) => params[`ar.L${i + 1}`] as number),
    ma: Array.from({ length: q }, (_, i) => params[`ma.L${i + 1}`] as number),
    sigma2: params['sigma2'] as number,
  };
}

const KEYS = ['mean', 'variance', 'lo80', 'hi80', 'lo95', 'hi95'] as const;

describe('forecastArima matches statsmodels get_forecast', () => {
  for (const fixture of reference.fits) {
    const [p, d, q] = fixture.order;
    it(`ARIMA(${p},${d},${q}): 10 steps with statsmodels' parameters agree to 1e-9 (variance 1e-7)`, () => {
      const steps = forecastArima(series[fixture.series], { p, d, q }, coefficientsOf(fixture.params, p, q), 10);
      expect(steps.map((s) => s.horizon)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      for (const key of KEYS) {
        steps.forEach((step, h) => {
          const expected = fixture.forecast[key][h] as number;
          const tolerance = key === 'variance' ? 1e-7 : 1e-9;
          expect(Math.abs(step[key] - expected) / Math.abs(expected), `${key}[${h}]`).toBeLessThan(tolerance);
        });
      }
    });
  }

  it('with its own fit, the intervals agree with statsmodels to 1e-3 relative width', () => {
    const fixture = reference.fits.find((f) => f.order.join(',') === '1,1,1');
    if (fixture === undefined) throw new Error('fixture missing');
    const fit = fitArima(series.integrated, { p: 1, d: 1, q: 1 });
    const steps = forecastArima(series.integrated, fit.order, fit.coefficients, 10);
    steps.forEach((step, h) => {
      const width = (fixture.forecast.hi95[h] as number) - (fixture.forecast.lo95[h] as number);
      expect(Math.abs(step.mean - (fixture.forecast.mean[h] as number)) / width).toBeLessThan(1e-3);
      expect(Math.abs(step.hi95 - step.lo95 - width) / width).toBeLessThan(1e-3);
    });
  });
});
