import { describe, expect, it } from 'vitest';
import { DivergenceDetector } from './divergence-detector';

describe('DivergenceDetector', () => {
  it('fires once when returns over the window part by more than the threshold', () => {
    const d = new DivergenceDetector({ threshold: 0.005, windowMs: 60_000 });
    expect(d.update('a', 0, 100)).toBeNull();
    expect(d.update('b', 0, 50)).toBeNull();
    expect(d.update('a', 30_000, 100.2)).toBeNull(); // +0.2%: within the threshold
    const e = d.update('a', 60_000, 100.6);
    expect(e).not.toBeNull();
    expect(e?.timeMs).toBe(60_000);
    expect(e?.returnA).toBeCloseTo(0.006, 12);
    expect(e?.returnB).toBe(0);
    expect(e?.difference).toBeCloseTo(0.006, 12);
    // Still diverged: no repeat until it comes back within the threshold.
    expect(d.update('a', 61_000, 100.7)).toBeNull();
    expect(d.update('b', 62_000, 50.2)).toBeNull(); // A +0.7%, B +0.4%: back within, re-arms
    expect(d.update('b', 63_000, 49.9)).not.toBeNull();
  });

  it('measures from the last price at or before the window start', () => {
    const d = new DivergenceDetector({ threshold: 0.01, windowMs: 10_000 });
    d.update('a', 0, 100);
    d.update('b', 0, 100);
    d.update('a', 5_000, 90); // old move, leaves the window later
    d.update('b', 5_000, 90);
    d.update('a', 8_000, 91);
    // At t = 16 000 the anchor is the price at 5 000 (last at or before 6 000) for both.
    const e = d.update('a', 16_000, 92);
    expect(e?.returnA).toBeCloseTo(92 / 90 - 1, 12);
    expect(e?.returnB).toBe(0);
  });

  it('stays silent during warm-up and ignores out-of-order or bad prices', () => {
    const d = new DivergenceDetector({ threshold: 0.001, windowMs: 1_000 });
    d.update('a', 500, 100);
    d.update('b', 600, 100);
    expect(d.update('a', 1_200, 120)).toBeNull(); // b has nothing at or before 200
    expect(d.update('a', 1_100, 1)).toBeNull();
    expect(d.update('b', 1_700, -1)).toBeNull();
    const e = d.update('b', 1_700, 100);
    expect(e?.returnA).toBeCloseTo(0.2, 12);
    expect(e?.returnB).toBe(0);
    expect(() => new DivergenceDetector({ threshold: 0, windowMs: 1 })).toThrow(RangeError);
  });
});
