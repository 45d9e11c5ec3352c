import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../../demo/rng';
import { createAnomalyDetector, restoreAnomalyDetector } from './index';

const HIT = 0.4;

/** A daily-ish cycle with noise, 2,000 rows; `change` alters it from row 1,500 on. */
function series(change: (i: number, base: number, noise: number) => number, seed = 7): number[] {
  const random = mulberry32(seed);
  return Array.from({ length: 2000 }, (_, i) => {
    const base = 50 + 10 * Math.sin((2 * Math.PI * i) / 96);
    const noise = gaussian(random);
    return i < 1500 ? base + noise : change(i, base, noise);
  });
}

function scores(values: readonly number[], seed = 1): { score: number; reason: string }[] {
  const d = createAnomalyDetector({ seed });
  return values.map((v, i) => d.update(i * 60_000, v));
}

/** First hit at or after `from`, and the hits before the change (after a 300-row warm-up). */
function hits(values: readonly number[]) {
  const s = scores(values);
  const first = s.findIndex((r, i) => i >= 1500 && r.score >= HIT);
  const early = s.filter((r, i) => i >= 300 && i < 1500 && r.score >= HIT).length;
  return { first, early, reason: first >= 0 ? (s[first] as { reason: string }).reason : '' };
}

describe('anomaly detector on injected anomalies', () => {
  it('finds a spike at once', () => {
    const h = hits(series((i, b, n) => b + n + (i === 1500 ? 25 : 0)));
    expect(h.first).toBe(1500);
    expect(h.early).toBeLessThanOrEqual(3);
  });

  it('finds a level shift within a few rows', () => {
    const h = hits(series((_i, b, n) => b + n + 12));
    expect(h.first).toBeGreaterThanOrEqual(1500);
    expect(h.first).toBeLessThan(1510);
    expect(h.early).toBeLessThanOrEqual(3);
  });

  it('finds a variance change within a few rows', () => {
    const h = hits(series((_i, b, n) => b + 8 * n));
    expect(h.first).toBeGreaterThanOrEqual(1500);
    expect(h.first).toBeLessThan(1520);
    expect(h.early).toBeLessThanOrEqual(3);
  });

  it('finds frozen values and names them', () => {
    const values = series((_i, b, n) => b + n);
    const frozen = values.map((v, i) => (i >= 1500 ? (values[1499] as number) : v));
    const h = hits(frozen);
    expect(h.first).toBeGreaterThanOrEqual(1500);
    expect(h.first).toBeLessThan(1520);
    expect(h.reason).toMatch(/frozen: value unchanged/);
    expect(h.early).toBeLessThanOrEqual(3);
  });

  it('keeps scores in [0, 1] and a clean series mostly quiet', () => {
    const s = scores(series((_i, b, n) => b + n));
    for (const r of s) expect(r.score >= 0 && r.score <= 1).toBe(true);
    expect(s.filter((r, i) => i >= 300 && r.score >= HIT).length).toBeLessThanOrEqual(4);
  });
});

describe('anomaly detector contract', () => {
  const values = series((i, b, n) => b + n + (i % 200 === 0 ? 20 : 0));

  it('is deterministic for a seed', () => {
    expect(scores(values, 3)).toEqual(scores(values, 3));
  });

  it('is causal: scores of a prefix never change when data is appended', () => {
    const full = scores(values);
    const prefix = scores(values.slice(0, 1234));
    expect(full.slice(0, 1234)).toEqual(prefix);
  });

  it('previews without changing state', () => {
    const a = createAnomalyDetector();
    const b = createAnomalyDetector();
    values.forEach((v, i) => {
      if (i % 7 === 0) a.preview(i, v * 3);
      const preview = a.preview(i, v);
      expect(a.update(i, v)).toEqual(preview);
      b.update(i, v);
    });
    expect(a.snapshot()).toEqual(b.snapshot());
  });

  it('restores from a JSON snapshot and carries on identically', () => {
    const whole = createAnomalyDetector();
    const first = createAnomalyDetector();
    const out: number[] = [];
    values.forEach((v, i) => {
      out.push(whole.update(i, v).score);
      if (i < 1000) first.update(i, v);
    });
    const restored = restoreAnomalyDetector(JSON.parse(JSON.stringify(first.snapshot())));
    const rest = values.slice(1000).map((v, k) => restored.update(1000 + k, v).score);
    expect(rest).toEqual(out.slice(1000));
  });

  it('refuses a non-finite value', () => {
    expect(() => createAnomalyDetector().update(0, NaN)).toThrow(/not a finite number/);
  });
});
