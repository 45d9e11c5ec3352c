import { describe, expect, it } from 'vitest';
import { Cvd } from './cvd';

describe('Cvd', () => {
  it('accumulates closed bars and previews the forming one', () => {
    const cvd = new Cvd();
    expect(cvd.add(2)).toBe(2);
    expect(cvd.replace(-5)).toBe(-3);
    expect(cvd.replace(1)).toBe(3);
    expect(cvd.add(1)).toBe(3);
    expect(cvd.add(-4)).toBe(-1);
  });
});
