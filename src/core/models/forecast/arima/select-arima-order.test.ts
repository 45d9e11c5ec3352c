import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { selectArimaOrder } from './select-arima-order';

/** Fixtures written by test/reference/arima-statsmodels.py: statsmodels' AIC over p, q in 0..2. */
interface Reference {
  grids: { series: 'stationary' | 'integrated'; d: number; aic: { order: number[]; aic: number }[]; best: number[] }[];
}
const FIXTURES = new URL('../../../../../test/fixtures/forecast/', import.meta.url);
const reference = JSON.parse(readFileSync(new URL('arima-statsmodels.json', FIXTURES), 'utf8')) as Reference;
const rows = readFileSync(new URL('arima-series.csv', FIXTURES), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(','));
const series = { stationary: rows.map((r) => Number(r[1])), integrated: rows.map((r) => Number(r[2])) };

describe('selectArimaOrder', () => {
  for (const grid of reference.grids) {
    it(`picks statsmodels' AIC-best order on the ${grid.series} series (d = ${grid.d}), every AIC to 1e-5`, () => {
      const selection = selectArimaOrder(series[grid.series], { d: grid.d });
      expect([selection.best.order.p, selection.best.order.d, selection.best.order.q]).toEqual(grid.best);
      expect(selection.candidates).toHaveLength(grid.aic.length);
      selection.candidates.forEach((candidate, i) => {
        const expected = grid.aic[i] as { order: number[]; aic: number };
        expect([candidate.p, grid.d, candidate.q]).toEqual(expected.order);
        // Never worse than statsmodels' optimum (lower AIC is a higher likelihood), and close to it.
        expect(candidate.aic).toBeLessThanOrEqual(expected.aic + 1e-6 * Math.abs(expected.aic));
        expect(Math.abs(candidate.aic - expected.aic) / Math.abs(expected.aic), expected.order.join(',')).toBeLessThan(
          1e-5,
        );
      });
    }, 180_000);
  }
});
