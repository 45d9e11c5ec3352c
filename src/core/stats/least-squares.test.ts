import { describe, expect, it } from 'vitest';
import { HouseholderQr, leastSquares } from './least-squares';

/** Deterministic pseudo-random numbers in [-1, 1). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  };
}

describe('leastSquares', () => {
  it('recovers exact coefficients of a noiseless linear model', () => {
    const rnd = lcg(1);
    const n = 50;
    const x1 = Float64Array.from({ length: n }, rnd);
    const x2 = Float64Array.from({ length: n }, rnd);
    const ones = new Float64Array(n).fill(1);
    const y = Float64Array.from({ length: n }, (_, i) => 3 - 2 * (x1[i] as number) + 0.5 * (x2[i] as number));
    const fit = leastSquares([ones, x1, x2], y);
    expect(fit.params[0]).toBeCloseTo(3, 12);
    expect(fit.params[1]).toBeCloseTo(-2, 12);
    expect(fit.params[2]).toBeCloseTo(0.5, 12);
    expect(fit.ssr).toBeLessThan(1e-25);
    expect(fit.dfResid).toBe(47);
  });

  it('gives the textbook simple-regression standard errors', () => {
    // y on [1, x] with x = 1..5: beta = Sxy/Sxx, se(beta) = s/sqrt(Sxx).
    const x = [1, 2, 3, 4, 5];
    const y = [2.1, 3.9, 6.2, 7.8, 10.1];
    const fit = leastSquares([[1, 1, 1, 1, 1], x], y);
    const sxy = x.reduce((s, xi, i) => s + (xi - 3) * ((y[i] as number) - 6.02), 0);
    const beta = sxy / 10;
    const resid = y.map((yi, i) => yi - (6.02 - beta * 3) - beta * (x[i] as number));
    const s2 = resid.reduce((s, r) => s + r * r, 0) / 3;
    expect(fit.params[1]).toBeCloseTo(beta, 13);
    expect(fit.stdErrors[1]).toBeCloseTo(Math.sqrt(s2 / 10), 13);
    expect(fit.tValues[1]).toBeCloseTo(beta / Math.sqrt(s2 / 10), 10);
  });

  it('keeps precision with a constant beside a price-level column', () => {
    // x near 30 000 with a small spread: normal equations would lose ~9 digits here.
    const rnd = lcg(7);
    const n = 200;
    const x = Float64Array.from({ length: n }, () => 30_000 + rnd());
    const y = Float64Array.from(x, (v) => 12 + 0.25 * v);
    const fit = leastSquares([new Float64Array(n).fill(1), x], y);
    expect(Math.abs((fit.params[1] as number) - 0.25)).toBeLessThan(1e-9);
    expect(Math.abs((fit.params[0] as number) - 12)).toBeLessThan(1e-4);
  });

  it('rejects rank-deficient designs', () => {
    const x = [1, 2, 3, 4];
    expect(() => leastSquares([x, x.map((v) => 2 * v)], [1, 2, 3, 5])).toThrow(RangeError);
    expect(() =>
      leastSquares(
        [
          [1, 1, 1, 1],
          [5, 5, 5, 5],
        ],
        [1, 2, 3, 5],
      ),
    ).toThrow(RangeError);
    expect(() => leastSquares([[1, 2]], [1, 2, 3])).toThrow(RangeError);
  });

  it('fits every column prefix from one factorisation', () => {
    const rnd = lcg(3);
    const n = 80;
    const cols = Array.from({ length: 6 }, () => Float64Array.from({ length: n }, rnd));
    const y = Float64Array.from({ length: n }, rnd);
    const qr = new HouseholderQr(cols);
    const z = qr.qtApply(y);
    const ssr = qr.prefixSsr(z);
    for (let p = 1; p <= 6; p++) {
      const direct = leastSquares(cols.slice(0, p), y);
      expect(Math.abs((ssr[p] as number) - direct.ssr)).toBeLessThan(1e-12 * direct.ssr);
      expect(Math.abs(qr.lastTValue(z, p, ssr[p] as number) - (direct.tValues[p - 1] as number))).toBeLessThan(1e-10);
      const prefix = qr.fit(z, p);
      for (let j = 0; j < p; j++)
        expect(Math.abs((prefix.params[j] as number) - (direct.params[j] as number))).toBeLessThan(1e-12);
    }
  });
});
