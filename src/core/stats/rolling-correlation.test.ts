import { describe, expect, it } from 'vitest';
import { loadPair } from '../../../test/fixtures/stats/stats-fixtures';
import { RollingReturnCorrelation } from './rolling-correlation';

function naiveCorrelation(a: ArrayLike<number>, b: ArrayLike<number>, end: number, window: number): number {
  const ra: number[] = [];
  const rb: number[] = [];
  for (let i = end - window + 1; i <= end; i++) {
    ra.push(Math.log((a[i] as number) / (a[i - 1] as number)));
    rb.push(Math.log((b[i] as number) / (b[i - 1] as number)));
  }
  const ma = ra.reduce((s, v) => s + v, 0) / window;
  const mb = rb.reduce((s, v) => s + v, 0) / window;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  for (let i = 0; i < window; i++) {
    saa += ((ra[i] as number) - ma) ** 2;
    sbb += ((rb[i] as number) - mb) ** 2;
    sab += ((ra[i] as number) - ma) * ((rb[i] as number) - mb);
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('RollingReturnCorrelation', () => {
  it('matches a naive recomputation at every bar, null for the first `window` bars', () => {
    const { a, b } = loadPair('btc-eth-1m-nonstationary');
    for (const window of [5, 60, 150]) {
      const corr = new RollingReturnCorrelation(window);
      for (let i = 0; i < a.length; i++) {
        const got = corr.add(a[i] as number, b[i] as number);
        if (i < window) {
          expect(got).toBeNull();
          continue;
        }
        expect(Math.abs((got as number) - naiveCorrelation(a, b, i, window))).toBeLessThan(1e-10);
      }
    }
  });

  it('replace previews the forming bar; add commits it', () => {
    const { a, b } = loadPair('synthetic-cointegrated');
    const corr = new RollingReturnCorrelation(10);
    for (let i = 0; i < 100; i++) {
      const preview = corr.replace(a[i] as number, b[i] as number);
      expect(corr.add(a[i] as number, b[i] as number)).toEqual(preview);
    }
  });

  it('is ±1 for proportional moves and null for a flat leg', () => {
    const up = new RollingReturnCorrelation(3);
    const flat = new RollingReturnCorrelation(3);
    let r: number | null = null;
    let f: number | null = null;
    for (let i = 0; i < 6; i++) {
      const p = 100 * 1.01 ** (i * i);
      r = up.add(p, p * p);
      f = flat.add(p, 50);
    }
    expect(r).toBeCloseTo(1, 12);
    expect(f).toBeNull();
  });
});
