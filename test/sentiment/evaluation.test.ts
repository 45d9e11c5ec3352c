import { describe, expect, it } from 'vitest';
import { evaluate, majorityLabel } from '../../src/core/sentiment/evaluation';
import { plainAfinnLabel } from '../../src/core/sentiment/plain-afinn';
import { scoreText } from '../../src/core/sentiment/score-text';
import { readLabelledSet } from './labelled-set';

describe('sentiment evaluation metrics', () => {
  it('computes accuracy and macro-F1 as defined', () => {
    const e = evaluate(['positive', 'negative', 'neutral', 'neutral'], ['positive', 'neutral', 'neutral', 'negative']);
    expect(e.accuracy).toBe(0.5);
    // F1: positive 1, neutral 2·1/(2+1+1) = 0.5, negative 0.
    expect(e.f1).toEqual({ positive: 1, neutral: 0.5, negative: 0 });
    expect(e.macroF1).toBeCloseTo(0.5, 12);
    expect(majorityLabel(['negative', 'neutral', 'negative'])).toBe('negative');
  });
});

describe('finance scorer on the shipped headline set', () => {
  // The held-out split: never used to tune the scorer (see test/fixtures/sentiment/README.md).
  const rows = readLabelledSet('test');
  const gold = rows.map((r) => r.label);

  it('beats the majority class and plain AFINN on accuracy and macro-F1', () => {
    const majority = majorityLabel(readLabelledSet('dev').map((r) => r.label));
    const base = evaluate(
      gold,
      gold.map(() => majority),
    );
    const afinn = evaluate(
      gold,
      rows.map((r) => plainAfinnLabel(r.text)),
    );
    const ours = evaluate(
      gold,
      rows.map((r) => scoreText(r.text).label),
    );
    expect(ours.accuracy).toBeGreaterThan(afinn.accuracy);
    expect(ours.macroF1).toBeGreaterThan(afinn.macroF1);
    expect(afinn.macroF1).toBeGreaterThan(base.macroF1);
  });
});
