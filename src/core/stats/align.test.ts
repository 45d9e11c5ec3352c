import { describe, expect, it } from 'vitest';
import { alignByOpenTime } from './align';

const bars = (times: number[], tag: string) => times.map((openTimeMs) => ({ openTimeMs, tag }));

describe('alignByOpenTime', () => {
  it('inner-joins on open time, dropping bars only one side has', () => {
    const out = alignByOpenTime(bars([0, 60, 120, 240, 300], 'a'), bars([60, 180, 240, 300, 360], 'b'));
    expect(out.map((p) => p.openTimeMs)).toEqual([60, 240, 300]);
    expect(out[0]?.a.tag).toBe('a');
    expect(out[0]?.b.tag).toBe('b');
  });

  it('handles empty and disjoint inputs', () => {
    expect(alignByOpenTime([], bars([1], 'b'))).toEqual([]);
    expect(alignByOpenTime(bars([1, 3], 'a'), bars([2, 4], 'b'))).toEqual([]);
  });

  it('rejects unsorted or duplicated times', () => {
    expect(() => alignByOpenTime(bars([0, 0], 'a'), bars([0], 'b'))).toThrow(/a\[1\]/);
    expect(() => alignByOpenTime(bars([0], 'a'), bars([5, 1], 'b'))).toThrow(/b\[1\]/);
  });
});
