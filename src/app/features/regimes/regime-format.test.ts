import { describe, expect, it } from 'vitest';
import { regimeText, regimeValueText } from './regime-format';

describe('regime text', () => {
  const names = ['calm', 'volatile'];

  it('names the most probable state with its filtered probability', () => {
    expect(regimeText({ openTimeMs: 0, state: 1, probabilities: [0.13, 0.87] }, names)).toBe(
      'Regime: volatile (p = 0.87)',
    );
    expect(regimeValueText({ openTimeMs: 0, state: 0, probabilities: [0.996, 0.004] }, names)).toBe('calm (p = 1.00)');
  });

  it('says when there is no fitted regime model', () => {
    expect(regimeText(null, names)).toBe('Regime: not fitted yet (after the forecasts)');
    expect(regimeText({ openTimeMs: 0, state: 0, probabilities: [1, 0] }, [])).toMatch(/not fitted/);
  });
});
