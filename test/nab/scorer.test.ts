import { describe, expect, it } from 'vitest';
import { probationLength, scaledSigmoid, scoreAtThreshold, scoreCorpus, sweepPoints, type ScoredFile } from './scorer';

const STANDARD = { tpWeight: 1, fpWeight: 0.11, fnWeight: 1 };
const LOW_FN = { tpWeight: 1, fpWeight: 0.11, fnWeight: 2 };

/**
 * 60 rows a minute apart, one window over rows 40–43 (width 4); probation is floor(0.15·60) = 9
 * rows. The 31 rows before the window make "detect everything" worse than −1, so the null
 * detector's best total is −fnWeight (nothing detected), as on the real corpus.
 */
function file(scores: Record<number, number>): ScoredFile {
  const t = (i: number) => Date.UTC(2024, 0, 1, 0, i);
  return {
    name: 'hand/one-window.csv',
    timestampsMs: Array.from({ length: 60 }, (_, i) => t(i)),
    scores: Array.from({ length: 60 }, (_, i) => scores[i] ?? 0),
    windows: [{ startMs: t(40), endMs: t(43) }],
  };
}

describe('NAB scorer port (hand-computed cases)', () => {
  it('has NAB’s sigmoid and probation', () => {
    expect(scaledSigmoid(-1)).toBeCloseTo(0.986614, 6); // 2σ(5) − 1
    expect(scaledSigmoid(-0.5)).toBeCloseTo(0.848284, 6); // 2σ(2.5) − 1
    expect(scaledSigmoid(0)).toBe(0);
    expect(scaledSigmoid(3)).toBe(-1);
    expect(probationLength(60)).toBe(9);
    expect(probationLength(4032)).toBe(604);
    expect(probationLength(10_000)).toBe(750);
  });

  it('weighs rows as NAB’s sweeper: +1 at the window start, scaled FP after it, −fpWeight before any window', () => {
    const points = sweepPoints(file({}), STANDARD);
    expect(points[0]?.windowName).toBe('probationary');
    expect(points[40]?.sweepScore).toBeCloseTo(1, 9); // position −(43−40+1)/4 = −1, divided by maxTP
    expect(points[42]?.sweepScore).toBeCloseTo(0.848284 / 0.986614, 5); // position −0.5
    expect(points[20]?.sweepScore).toBeCloseTo(-0.11, 9);
    // Row 45: |43 − 45| / (4 − 1) = 2/3 past the window: (2σ(−10/3) − 1) · 0.11.
    expect(points[45]?.sweepScore).toBeCloseTo((2 / (1 + Math.exp(10 / 3)) - 1) * 0.11, 9);
    expect(points[42]?.windowName).toBe(`hand/one-window.csv|${Date.UTC(2024, 0, 1, 0, 40)}`);
    expect(points[45]?.windowName).toBeNull();
  });

  it('a detection mid-window scores 100·(0.8598 + 1)/2 against null −1 and perfect 1', () => {
    const r = scoreCorpus([file({ 42: 1 })], STANDARD);
    expect(r.nullRaw).toBe(-1);
    expect(r.perfect).toBe(1);
    expect(r.threshold).toBe(1);
    expect(r.raw).toBeCloseTo(0.848284 / 0.986614, 5);
    expect(r.normalized).toBeCloseTo((100 * (0.848284 / 0.986614 + 1)) / 2, 3);
  });

  it('picks the best threshold, counts only a window’s best detection and ignores probation', () => {
    // Row 1 is in probation; row 20 a false positive before any window; rows 40 and 42 in the window.
    const f = file({ 1: 1, 20: 0.9, 40: 0.8, 42: 0.8 });
    const r = scoreCorpus([f], STANDARD);
    expect(r.threshold).toBe(0.8);
    expect(r.raw).toBeCloseTo(-0.11 + 1, 9);
    expect(r.normalized).toBeCloseTo(94.5, 6);
    expect(scoreAtThreshold([f], STANDARD, 0.85).raw).toBeCloseTo(-1.11, 9);
    // Doubling the FN weight doubles the null penalty: 100·(0.89 + 2)/(1 + 2).
    expect(scoreCorpus([f], LOW_FN).normalized).toBeCloseTo((100 * 2.89) / 3, 6);
  });

  it('sweeps one threshold over the whole corpus, not one per file', () => {
    const a = file({ 42: 0.6, 20: 0.9 });
    const b = { ...file({ 40: 0.9 }), name: 'hand/second.csv' };
    // Per file the best thresholds differ (0.6 for a, 0.9 for b); the corpus must share one.
    const r = scoreCorpus([a, b], STANDARD);
    expect(r.threshold).toBe(0.6);
    expect(r.raw).toBeCloseTo(0.848284 / 0.986614 - 0.11 + 1, 5);
  });
});
