import { describe, expect, it } from 'vitest';
import { expectClose, loadPair, PAIR_FIXTURES } from '../../../test/fixtures/stats/stats-fixtures';
import { RollingOls } from './rolling-ols';

/** Two-pass OLS of y on x over [from, to). */
function naiveOls(y: ArrayLike<number>, x: ArrayLike<number>, from: number, to: number) {
  const n = to - from;
  let mx = 0;
  let my = 0;
  for (let i = from; i < to; i++) {
    mx += x[i] as number;
    my += y[i] as number;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  for (let i = from; i < to; i++) {
    sxx += ((x[i] as number) - mx) ** 2;
    sxy += ((x[i] as number) - mx) * ((y[i] as number) - my);
  }
  const beta = sxy / sxx;
  return { beta, alpha: my - beta * mx };
}

describe('RollingOls', () => {
  for (const name of PAIR_FIXTURES) {
    it(`equals statsmodels OLS on window slices of ${name}`, () => {
      const { fixture, a, b } = loadPair(name);
      const { window, ends, fits } = fixture.expected.rollingOls;
      const roll = new RollingOls(window);
      const values = Array.from(a, (y, i) => roll.add(y, b[i] as number));
      ends.forEach((end, k) => {
        const got = values[end];
        expect(got).not.toBeNull();
        expectClose(got?.beta as number, (fits[k] as { beta: number }).beta, undefined, 0, `beta at ${end}`);
        expectClose(got?.alpha as number, (fits[k] as { alpha: number }).alpha, undefined, 0, `alpha at ${end}`);
      });
    });
  }

  it('matches a naive two-pass recomputation at every bar, and is null during warm-up', () => {
    const { a, b } = loadPair('btc-eth-1m-stationary');
    for (const window of [2, 7, 100]) {
      const roll = new RollingOls(window);
      for (let i = 0; i < a.length; i++) {
        const got = roll.add(a[i] as number, b[i] as number);
        if (i < window - 1) {
          expect(got).toBeNull();
          continue;
        }
        const ref = naiveOls(a, b, i - window + 1, i + 1);
        if (window === 2 && !Number.isFinite(ref.beta)) continue; // two equal b closes
        // alpha = ȳ − beta·x̄ inherits beta's error times the level of b.
        expect(Math.abs((got?.beta as number) - ref.beta)).toBeLessThanOrEqual(1e-8 * Math.abs(ref.beta));
        expect(Math.abs((got?.alpha as number) - ref.alpha)).toBeLessThanOrEqual(
          1e-8 * (Math.abs(ref.alpha) + Math.abs(ref.beta) * (b[i] as number)),
        );
      }
    }
  });

  it('stays accurate over a long stream at a high price level', () => {
    // 100k updates near 1e6 with exact linear relation: drift would show as beta ≠ 3.
    const roll = new RollingOls(50);
    let last = null;
    for (let i = 0; i < 100_000; i++) {
      const x = 1_000_000 + Math.sin(i * 0.37) * 5 + (i % 13) * 0.01;
      last = roll.add(10 + 3 * x, x);
    }
    expect(Math.abs((last?.beta as number) - 3)).toBeLessThan(1e-9);
  });

  it('replace previews the forming bar without committing it', () => {
    const { a, b } = loadPair('synthetic-cointegrated');
    const committed = new RollingOls(20);
    const previewed = new RollingOls(20);
    for (let i = 0; i < 200; i++) {
      const y = a[i] as number;
      const x = b[i] as number;
      // A forming bar seen twice with other prices, then closed.
      previewed.replace(y + 5, x - 1);
      const preview = previewed.replace(y, x);
      const closed = previewed.add(y, x);
      expect(preview).toEqual(closed);
      expect(closed).toEqual(committed.add(y, x));
    }
  });

  it('returns null while x is constant over the window', () => {
    const roll = new RollingOls(3);
    roll.add(1, 5);
    roll.add(2, 5);
    expect(roll.add(3, 5)).toBeNull();
    expect(roll.add(4, 6)).not.toBeNull();
    expect(() => new RollingOls(1)).toThrow(RangeError);
  });
});
