import { describe, expect, it } from 'vitest';
import type { Signal } from '../../../core/models/signals/signal';
import { headline, levelsText, sizingText } from './signal-format';

const base: Signal = {
  openTimeMs: 0,
  action: 'HOLD',
  confidence: 0.41,
  entry: 100,
  stop: 98,
  target: 103,
  riskReward: 1.5,
  expectedValue: -0.1,
  kelly: 0,
  horizon: 20,
  evidence: [{ input: 'rsi', weight: 0.1, detail: 'RSI 55' }],
};

describe('signal feed text', () => {
  it('says why a HOLD holds', () => {
    expect(headline(base)).toBe('HOLD — no edge after costs');
    expect(headline({ ...base, evidence: [{ input: 'warm-up', weight: 0, detail: 'indicators warming up' }] })).toBe(
      'HOLD — indicators warming up',
    );
  });
  it('words a trade with its confidence, levels and sizing', () => {
    const buy = { ...base, action: 'BUY' as const, confidence: 0.62, kelly: 0.12, expectedValue: 0.4 };
    expect(headline(buy)).toBe('BUY — confidence 62 %');
    expect(levelsText(buy)).toBe('entry 100.00 · stop 98.00 · target 103.00');
    expect(sizingText(buy)).toBe('risk-reward 1.50 · Kelly 12 % · EV 0.40');
  });
});
