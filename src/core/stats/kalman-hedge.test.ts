import { describe, expect, it } from 'vitest';
import { loadPair, PAIR_FIXTURES } from '../../../test/fixtures/stats/stats-fixtures';
import { KalmanHedge } from './kalman-hedge';

type Mat = number[][];
const mul = (a: Mat, b: Mat): Mat =>
  a.map((row) =>
    (b[0] as number[]).map((_, j) => row.reduce((s, v, k) => s + v * ((b[k] as number[])[j] as number), 0)),
  );
const add = (a: Mat, b: Mat): Mat => a.map((row, i) => row.map((v, j) => v + ((b[i] as number[])[j] as number)));
const sub = (a: Mat, b: Mat): Mat => a.map((row, i) => row.map((v, j) => v - ((b[i] as number[])[j] as number)));
const scale = (a: Mat, s: number): Mat => a.map((row) => row.map((v) => v * s));
const transpose = (a: Mat): Mat => (a[0] as number[]).map((_, j) => a.map((row) => row[j] as number));

/** Chan's MATLAB loop with general matrices: an independent check of the closed-form 2×2 code. */
function naiveKalman(y: ArrayLike<number>, x: ArrayLike<number>, delta: number, ve: number) {
  const vw = scale(
    [
      [1, 0],
      [0, 1],
    ],
    delta / (1 - delta),
  );
  let P: Mat = [
    [0, 0],
    [0, 0],
  ];
  let R: Mat = [
    [0, 0],
    [0, 0],
  ];
  let beta: Mat = [[0], [0]];
  const out: { beta: number; alpha: number; e: number; q: number }[] = [];
  for (let t = 0; t < y.length; t++) {
    if (t > 0) R = add(P, vw);
    const h: Mat = [[x[t] as number, 1]];
    const yhat = (mul(h, beta)[0] as number[])[0] as number;
    const q = ((mul(mul(h, R), transpose(h))[0] as number[])[0] as number) + ve;
    const e = (y[t] as number) - yhat;
    const K = scale(mul(R, transpose(h)), 1 / q);
    beta = add(beta, scale(K, e));
    P = sub(R, mul(mul(K, h), R));
    out.push({ beta: (beta[0] as number[])[0] as number, alpha: (beta[1] as number[])[0] as number, e, q });
  }
  return out;
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('KalmanHedge', () => {
  for (const name of PAIR_FIXTURES) {
    it(`equals the numpy transcription of Chan's filter on ${name}`, () => {
      const { fixture, a, b } = loadPair(name);
      for (const k of fixture.expected.kalman) {
        const filter = new KalmanHedge({ delta: k.delta, ve: k.ve });
        const got = Array.from(a, (y, i) => filter.add(y, b[i] as number));
        k.index.forEach((t, j) => {
          const v = got[t];
          if (t === 0) {
            expect(v).toBeNull();
            return;
          }
          expect(rel(v?.beta as number, k.beta[j] as number)).toBeLessThan(1e-6);
          expect(rel(v?.alpha as number, k.alpha[j] as number)).toBeLessThan(1e-6);
          expect(rel(v?.forecastVariance as number, k.q[j] as number)).toBeLessThan(1e-6);
          // e is a difference of nearly equal prices: compare on the scale of y.
          expect(Math.abs((v?.forecastError as number) - (k.e[j] as number))).toBeLessThan(1e-9 * (a[t] as number));
        });
      }
    });
  }

  it('equals a general-matrix implementation at every bar', () => {
    const { a, b } = loadPair('synthetic-cointegrated');
    const ref = naiveKalman(a, b, 1e-4, 1e-3);
    const filter = new KalmanHedge();
    for (let t = 0; t < a.length; t++) {
      const v = filter.add(a[t] as number, b[t] as number);
      if (t === 0) continue;
      const r = ref[t] as { beta: number; alpha: number; e: number; q: number };
      expect(rel(v?.beta as number, r.beta)).toBeLessThan(1e-9);
      expect(rel(v?.alpha as number, r.alpha)).toBeLessThan(1e-9);
      expect(rel(v?.forecastVariance as number, r.q)).toBeLessThan(1e-9);
    }
  });

  it('tracks a known hedge ratio', () => {
    // A random-walk state makes beta and alpha trade off while x barely moves around its level,
    // so the fit is judged by its forecasts and a loose beta.
    const filter = new KalmanHedge({ delta: 1e-4, ve: 1e-3 });
    let v = null;
    for (let t = 0; t < 3000; t++) {
      const x = 50 + 10 * Math.sin(t / 40);
      v = filter.add(2 + 1.5 * x, x);
    }
    expect(Math.abs((v?.beta as number) - 1.5)).toBeLessThan(0.05);
    expect(Math.abs(v?.forecastError as number)).toBeLessThan(0.02);
  });

  it('replace filters the forming bar without committing; the first bar only starts the filter', () => {
    const filter = new KalmanHedge();
    const twin = new KalmanHedge();
    expect(filter.replace(10, 5)).toBeNull();
    expect(filter.add(10, 5)).toBeNull();
    twin.add(10, 5);
    filter.replace(99, 1);
    const preview = filter.replace(11, 5.5);
    expect(filter.add(11, 5.5)).toEqual(preview);
    expect(twin.add(11, 5.5)).toEqual(preview);
  });

  it('validates its parameters', () => {
    expect(() => new KalmanHedge({ delta: 0 })).toThrow(RangeError);
    expect(() => new KalmanHedge({ delta: 1 })).toThrow(RangeError);
    expect(() => new KalmanHedge({ ve: 0 })).toThrow(RangeError);
  });
});
