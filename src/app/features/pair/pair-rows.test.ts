import { describe, expect, it } from 'vitest';
import type { PairRow } from '../../../core/analytics/analytics-view';
import { PairRows } from './pair-rows';

const row = (openTimeMs: number, a: number): PairRow => ({
  openTimeMs,
  a,
  b: 1,
  olsBeta: null,
  olsAlpha: null,
  kalmanBeta: null,
  kalmanAlpha: null,
  spread: null,
  zscore: null,
  correlation: null,
  divergencePct: null,
});

describe('PairRows', () => {
  it('replaces on reset, updates the forming bar, appends new ones', () => {
    const rows = new PairRows();
    expect(rows.apply({ reset: true, rows: [row(1, 1), row(2, 2)], summary: null })).toEqual({ changedFrom: 0 });
    expect(rows.apply({ reset: false, rows: [row(2, 3), row(3, 4)], summary: null })).toEqual({ changedFrom: 1 });
    expect(rows.rows.map((r) => [r.openTimeMs, r.a])).toEqual([
      [1, 1],
      [2, 3],
      [3, 4],
    ]);
    expect(rows.latest?.a).toBe(4);
    expect(rows.at(2)?.a).toBe(3);
    expect(rows.at(5)).toBeNull();
    expect(rows.apply({ reset: true, rows: [row(9, 9)], summary: null })).toEqual({ changedFrom: 0 });
    expect(rows.rows).toHaveLength(1);
  });

  it('puts an out-of-order row in place and asks for a full redraw', () => {
    const rows = new PairRows();
    rows.apply({ reset: true, rows: [row(1, 1), row(3, 3)], summary: null });
    expect(rows.apply({ reset: false, rows: [row(2, 2)], summary: null })).toEqual({ changedFrom: 0 });
    expect(rows.rows.map((r) => r.openTimeMs)).toEqual([1, 2, 3]);
  });
});
