import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ForwardFilter } from './forward-filter';
import type { GaussianHmm } from './gaussian-hmm';

/** Written by test/reference/hmm-forward.py (an independent log-space NumPy forward pass). */
const fixture = JSON.parse(
  readFileSync(new URL('../../../../test/fixtures/regimes/hmm-forward.json', import.meta.url), 'utf8'),
) as {
  cases: {
    name: string;
    model: Omit<GaussianHmm, 'states' | 'dims'>;
    observations: number[][];
    filtered: number[][];
    loglik: number;
  }[];
};

describe('ForwardFilter', () => {
  for (const c of fixture.cases) {
    it(`equals the NumPy forward pass (${c.name} states): filtered probabilities and log-likelihood`, () => {
      const model: GaussianHmm = { ...c.model, states: c.model.initial.length, dims: 2 };
      const filter = new ForwardFilter(model);
      let worst = 0;
      c.observations.forEach((x, t) => {
        const p = filter.step(x);
        p.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - (c.filtered[t] as number[])[k]!))));
      });
      expect(c.observations.length).toBe(400);
      expect(worst).toBeLessThan(1e-9);
      expect(Math.abs(filter.logLikelihood - c.loglik) / Math.abs(c.loglik)).toBeLessThan(1e-10);
    });
  }
});
