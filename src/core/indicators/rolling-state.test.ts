import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer';
import { RollingExtreme } from './rolling-extreme';
import { RollingLinearSums } from './rolling-linear-sums';
import { RollingMoments } from './rolling-moments';
import { RollingSum } from './rolling-sum';

/**
 * Every running structure against a naive recomputation of the same window, over long seeded
 * series where each bar is previewed a few times (the forming bar changing) before it commits.
 */

function seeded(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
}

/** A price-like walk on a 0.01 tick grid around 20,000, with flat stretches. */
function priceWalk(random: () => number): () => number {
  let ticks = 2_000_000;
  return () => {
    const r = random();
    if (r > 0.2) ticks += Math.round((random() - 0.5) * 40);
    return ticks / 100;
  };
}

/**
 * Drives `check(window, value, commit)` over `bars` bars of `next()` values: 0–3 previews of
 * other values, then the commit of the bar's final value. `window` is the naive window
 * (last `size` values, oldest first, ending with the value just given).
 */
function drive(
  size: number,
  bars: number,
  next: () => number,
  random: () => number,
  step: (x: number, commit: boolean, window: readonly number[]) => void,
): void {
  const committed: number[] = [];
  for (let bar = 0; bar < bars; bar++) {
    const previews = Math.floor(random() * 4);
    for (let p = 0; p < previews; p++) {
      const x = next();
      step(x, false, [...committed.slice(Math.max(0, committed.length - size + 1)), x]);
    }
    const x = next();
    committed.push(x);
    if (committed.length > size) committed.shift();
    step(x, true, committed);
  }
}

const SIZES = [1, 2, 7, 200, 1500];
const BARS = 6_000;

describe('RingBuffer', () => {
  it('holds the last size values and names the oldest of the window a push would make', () => {
    for (const size of SIZES) {
      const random = seeded(size);
      const ring = new RingBuffer(size);
      const next = priceWalk(random);
      const problems: string[] = [];
      drive(size, BARS, next, random, (x, commit, window) => {
        if (ring.oldestWith(x) !== window[0])
          problems.push(`size ${size}: oldest ${ring.oldestWith(x)} vs ${window[0]}`);
        if (commit) ring.push(x);
      });
      expect(problems.slice(0, 5)).toEqual([]);
      expect(ring.length).toBe(size);
    }
  });
});

describe('RollingSum', () => {
  it('equals the naive sum to 1e-12 of the window’s magnitude, previews included', () => {
    for (const size of SIZES) {
      const random = seeded(100 + size);
      const sum = new RollingSum(size);
      const next = priceWalk(random);
      let worst = 0;
      let wrongNulls = 0;
      drive(size, BARS, next, random, (x, commit, window) => {
        const value = sum.update(x, commit);
        if ((value === null) !== window.length < size) wrongNulls++;
        if (value === null) return;
        const naive = window.reduce((a, b) => a + b, 0);
        const scale = window.reduce((a, b) => a + Math.abs(b), 0);
        worst = Math.max(worst, Math.abs(value - naive) / scale);
      });
      expect(wrongNulls).toBe(0);
      expect(worst).toBeLessThan(1e-12);
    }
  });

  it('sums a window of zeros to exactly 0 after large values have left it', () => {
    const sum = new RollingSum(5);
    for (const x of [1e9, 0.1, 3e-7, 123456.789, 0.3]) sum.update(x, true);
    let last: number | null = null;
    for (let i = 0; i < 5; i++) last = sum.update(0, true);
    expect(last).toBe(0);
    expect(sum.update(0, false)).toBe(0);
  });
});

describe('RollingMoments', () => {
  it('mean and variance equal a two-pass recomputation (variance to 1e-12 relative), previews included', () => {
    for (const size of SIZES.filter((s) => s >= 2)) {
      const random = seeded(200 + size);
      const moments = new RollingMoments(size);
      const next = priceWalk(random);
      let worstMean = 0;
      let worstVariance = 0;
      drive(size, BARS, next, random, (x, commit, window) => {
        if (moments.update(x, commit) !== (window.length === size)) worstMean = Infinity;
        const n = window.length;
        const mean = window.reduce((a, b) => a + b, 0) / n;
        const variance = window.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
        worstMean = Math.max(worstMean, Math.abs(moments.mean - mean) / Math.abs(mean));
        // A flat window has variance 0; elsewhere the relative error is what matters.
        const error = Math.abs(moments.variance - variance);
        worstVariance = Math.max(worstVariance, variance === 0 ? error : error / variance);
      });
      expect(worstMean).toBeLessThan(1e-14);
      expect(worstVariance).toBeLessThan(1e-12);
    }
  });
});

describe('RollingLinearSums', () => {
  it('Σx and Σ(i+1)·x equal the naive sums to 1e-12 of their magnitude, previews included', () => {
    for (const size of SIZES) {
      const random = seeded(300 + size);
      const sums = new RollingLinearSums(size);
      const next = priceWalk(random);
      let worst = 0;
      drive(size, BARS, next, random, (x, commit, window) => {
        if (sums.update(x, commit) !== (window.length === size)) worst = Infinity;
        const plain = window.reduce((a, b) => a + b, 0);
        const weighted = window.reduce((a, b, i) => a + (i + 1) * b, 0);
        const scale = window.reduce((a, b, i) => a + (i + 1) * Math.abs(b), 0);
        worst = Math.max(worst, Math.abs(sums.sum - plain) / scale, Math.abs(sums.weighted - weighted) / scale);
      });
      expect(worst).toBeLessThan(1e-12);
    }
  });
});

describe('RollingExtreme', () => {
  it('max/min and bars since them (ties to the most recent) equal a scan of the window', () => {
    for (const size of SIZES) {
      for (const kind of ['max', 'min'] as const) {
        const random = seeded(400 + size);
        const extreme = new RollingExtreme(size, kind);
        // Few distinct values, so ties are common.
        const next = () => Math.floor(random() * 6);
        const problems: string[] = [];
        drive(size, BARS, next, random, (x, commit, window) => {
          const value = extreme.update(x, commit);
          if (window.length < size) {
            if (value !== null) problems.push(`${kind} ${size}: value before full`);
            return;
          }
          let at = 0;
          for (let i = 1; i < window.length; i++) {
            const v = window[i] as number;
            const best = window[at] as number;
            if (kind === 'max' ? v >= best : v <= best) at = i;
          }
          const age = window.length - 1 - at;
          if (value !== window[at] || extreme.age !== age)
            problems.push(`${kind} ${size}: ${value}/${extreme.age} vs ${window[at]}/${age}`);
        });
        expect(problems.slice(0, 5)).toEqual([]);
      }
    }
  });

  it('follows a falling then rising series whose extreme leaves the window', () => {
    const max = new RollingExtreme(3, 'max');
    const out = [5, 4, 3, 2, 6, 1].map((x) => max.update(x, true));
    expect(out).toEqual([null, null, 5, 4, 6, 6]);
  });
});
