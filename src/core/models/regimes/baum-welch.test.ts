import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../../demo/rng';
import { fitGaussianHmm, fitGaussianHmmSteps } from './baum-welch';
import { ForwardFilter } from './forward-filter';

/** A seeded 2-state series: calm (small returns, low vol) and turbulent. */
const TRUE = {
  transition: [
    [0.98, 0.02],
    [0.04, 0.96],
  ],
  means: [
    [0.0001, -7],
    [-0.0005, -6],
  ],
  sd: [
    [0.0008, 0.25],
    [0.0025, 0.35],
  ],
};

function synthetic(bars: number, seed: number) {
  const random = mulberry32(seed);
  let state = 0;
  const x: number[][] = [];
  const states: number[] = [];
  for (let t = 0; t < bars; t++) {
    states.push(state);
    const m = TRUE.means[state] as number[];
    const s = TRUE.sd[state] as number[];
    x.push([m[0]! + s[0]! * gaussian(random), m[1]! + s[1]! * gaussian(random)]);
    if (random() > TRUE.transition[state]![state]!) state = 1 - state;
  }
  return { x, states };
}

describe('fitGaussianHmm (Baum–Welch, several seeded starts)', () => {
  const { x, states } = synthetic(6000, 7);
  const fit = fitGaussianHmm(x, { states: 2, seed: 3, starts: 4 });

  it('recovers the means, variances and transition matrix of a synthetic 2-state series', () => {
    const { model } = fit;
    for (let k = 0; k < 2; k++) {
      for (let d = 0; d < 2; d++) {
        const sd = TRUE.sd[k]![d]!;
        expect(Math.abs(model.means[k]![d]! - TRUE.means[k]![d]!)).toBeLessThan(0.1 * sd);
        expect(Math.abs(Math.sqrt(model.variances[k]![d]!) / sd - 1)).toBeLessThan(0.05);
      }
      expect(Math.abs(model.transition[k]![k]! - TRUE.transition[k]![k]!)).toBeLessThan(0.01);
    }
    expect(fit.converged).toBe(true);
  });

  it('keeps the best start, and its filtered states track the true ones', () => {
    expect(fit.logLikelihood).toBe(Math.max(...fit.startLogLikelihoods));
    const filter = new ForwardFilter(fit.model);
    let agree = 0;
    x.forEach((row, t) => {
      const p = filter.step(row);
      if ((p[1]! > 0.5 ? 1 : 0) === states[t]) agree++;
    });
    expect(agree / x.length).toBeGreaterThan(0.95);
    // The filter's likelihood of the data is EM's (same model, same data).
    expect(Math.abs(filter.logLikelihood - fit.logLikelihood)).toBeLessThan(1e-3);
  });

  it('is deterministic for a seed', () => {
    const again = fitGaussianHmm(x, { states: 2, seed: 3, starts: 4 });
    expect(again).toEqual(fit);
    const short = x.slice(0, 1500);
    expect(fitGaussianHmm(short, { states: 3, seed: 9, starts: 2 })).toEqual(
      fitGaussianHmm(short, { states: 3, seed: 9, starts: 2 }),
    );
  });

  it('fits one EM iteration a step with the same result (so a worker can pause between them)', () => {
    const short = x.slice(0, 1500);
    const steps = fitGaussianHmmSteps(short, { states: 2, seed: 3, starts: 2 });
    let pauses = 0;
    let r = steps.next();
    for (; r.done !== true; r = steps.next()) pauses++;
    expect(r.value).toEqual(fitGaussianHmm(short, { states: 2, seed: 3, starts: 2 }));
    // A pause after every iteration that did not end its run (the best start ran `iterations`).
    expect(pauses).toBeGreaterThanOrEqual(r.value.iterations);
    expect(pauses).toBeGreaterThan(1);
  });

  it('refuses too little data and a constant feature', () => {
    expect(() => fitGaussianHmm(x.slice(0, 5), { states: 2 })).toThrow(/at least 20/);
    expect(() =>
      fitGaussianHmm(
        x.map((r) => [r[0]!, 1]),
        { states: 2 },
      ),
    ).toThrow(/constant/);
  });
});
