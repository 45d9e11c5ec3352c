import { describe, expect, it } from 'vitest';
import { levelOfName, regimeLevels, regimeNames, shadeOf } from './regime-shade';

const hmm = (returnVariances: number[]) => ({
  states: returnVariances.length,
  // The second feature (log realised volatility) is deliberately ordered the other way: names
  // follow the return variance.
  variances: returnVariances.map((v, k) => [v, 1 / (k + 1)]),
});

describe('regimeNames', () => {
  it('calls the state with the lower return variance calm, whatever its index', () => {
    expect(regimeNames(hmm([1e-6, 9e-6]))).toEqual(['calm', 'volatile']);
    expect(regimeNames(hmm([9e-6, 1e-6]))).toEqual(['volatile', 'calm']);
    expect(regimeLevels(hmm([9e-6, 1e-6]))).toEqual(['volatile', 'calm']);
  });

  it('names the states between calm and volatile moderate', () => {
    expect(regimeNames(hmm([4e-6, 1e-6, 9e-6]))).toEqual(['moderate', 'calm', 'volatile']);
    expect(regimeLevels(hmm([4e-6, 1e-6, 9e-6]))).toEqual(['moderate', 'calm', 'volatile']);
    expect(regimeNames(hmm([1, 3, 2, 4]))).toEqual(['calm', 'moderate 2', 'moderate 1', 'volatile']);
  });

  it('keeps distinct names when two variances tie', () => {
    expect(regimeNames(hmm([2e-6, 2e-6]))).toEqual(['calm', 'volatile']);
  });

  it('maps every name back to its palette slot', () => {
    const model = hmm([1, 3, 2, 4]);
    expect(regimeNames(model).map(levelOfName)).toEqual(regimeLevels(model));
  });
});

describe('shadeOf', () => {
  it('shades by the most likely state, as strongly as it is certain', () => {
    expect(shadeOf([0.1, 0.9])).toEqual({ state: 1, probability: 0.9, strength: expect.closeTo(0.8, 12) });
    expect(shadeOf([1, 0])).toEqual({ state: 0, probability: 1, strength: 1 });
    expect(shadeOf([0.2, 0.5, 0.3]).state).toBe(1);
    expect(shadeOf([0.2, 0.5, 0.3]).strength).toBeCloseTo(0.25, 12);
  });

  it('draws nothing for a bar where the states are equally likely (the lower state named)', () => {
    expect(shadeOf([0.5, 0.5])).toEqual({ state: 0, probability: 0.5, strength: 0 });
    expect(shadeOf([1 / 3, 1 / 3, 1 / 3]).strength).toBeCloseTo(0, 12);
  });

  it('is never outside 0..1, even for a malformed row', () => {
    expect(shadeOf([]).strength).toBe(0);
    expect(shadeOf([1]).strength).toBe(0);
    expect(shadeOf([NaN, NaN]).strength).toBe(0);
  });
});
