import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../../demo/rng';
import { createRegimeFilter, fitRegimeModel } from './regime-filter';

function closes(n: number, seed: number) {
  const random = mulberry32(seed);
  let close = 100;
  return [...Array(n).keys()].map((i) => {
    close *= Math.exp((Math.floor(i / 250) % 2 === 0 ? 0.001 : 0.004) * gaussian(random));
    return { openTimeMs: i * 60_000, close };
  });
}

describe('createRegimeFilter', () => {
  it('is causal: a bar’s state does not change when later bars change', () => {
    const bars = closes(1000, 2);
    const { model } = fitRegimeModel(bars.slice(0, 600), { states: 2, seed: 1, starts: 2 });
    const full = createRegimeFilter(model);
    const a = bars.map((b) => full.observe(b));
    const altered = bars.map((b, i) => (i > 700 ? { ...b, close: b.close * 1.2 } : b));
    const other = createRegimeFilter(model);
    const b = altered.map((bar) => other.observe(bar));
    expect(b.slice(0, 701)).toEqual(a.slice(0, 701));
    expect(a[19]).toBeNull();
    expect(a[20]?.probabilities.length).toBe(2);
  });
});
