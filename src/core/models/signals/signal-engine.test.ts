import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../../demo/rng';
import type { ForecastBar } from '../forecast/forecaster';
import { createSignalEngine } from './signal-engine';
import { judgeSignal } from './signal-outcome';
import { walkForwardSignals } from './walk-forward-signals';

function walk(n: number, seed: number, drift = 0): ForecastBar[] {
  const random = mulberry32(seed);
  let close = 100;
  return [...Array(n).keys()].map((i) => {
    const open = close;
    close = open * Math.exp(drift + 0.002 * gaussian(random));
    const high = Math.max(open, close) * (1 + 0.001 * Math.abs(gaussian(random)));
    const low = Math.min(open, close) * (1 - 0.001 * Math.abs(gaussian(random)));
    return { openTimeMs: i * 60_000, open, high, low, close, volume: 1 };
  });
}

describe('createSignalEngine', () => {
  it('is causal: the signal at bar t does not change when later bars change', () => {
    const bars = walk(1500, 3);
    const a = createSignalEngine();
    const b = createSignalEngine();
    const first = bars.map((bar) => a.observe(bar));
    const altered = bars.map((bar, i) => (i > 1000 ? { ...bar, close: bar.close * 1.05, high: bar.high * 1.05 } : bar));
    const second = altered.map((bar) => b.observe(bar));
    expect(second.slice(0, 1001)).toEqual(first.slice(0, 1001));
  });

  it('levels, risk-reward, Kelly cap and evidence follow the contract', () => {
    const engine = createSignalEngine({ costBps: 0, minSamples: 50 });
    const signals = walk(4000, 8, 0.0004).map((bar) => engine.observe(bar));
    expect(signals[10]?.action).toBe('HOLD');
    expect(signals[10]?.evidence[0]?.input).toBe('warm-up');
    const live = signals.slice(100);
    for (const s of live) {
      expect(s.confidence).toBeGreaterThanOrEqual(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
      expect(s.kelly).toBeGreaterThanOrEqual(0);
      expect(s.kelly).toBeLessThanOrEqual(0.25);
      expect(s.riskReward).toBeCloseTo(1.5, 12);
      const buy = s.target > s.entry;
      expect(buy ? s.stop < s.entry : s.stop > s.entry).toBe(true);
      if (s.action !== 'HOLD') {
        expect(s.action).toBe(buy ? 'BUY' : 'SELL');
        expect(s.expectedValue).toBeGreaterThan(0);
      } else expect(s.kelly).toBe(0);
      expect(s.evidence.map((e) => e.input)).toEqual(['trend', 'rsi']);
    }
    // A steady up-drift: the calibrated engine learns that BUY candidates work more often.
    expect(live.filter((s) => s.action === 'BUY').length).toBeGreaterThan(
      live.filter((s) => s.action === 'SELL').length,
    );
    const candidates = signals.filter((s) => s.evidence[0]?.input !== 'warm-up').length;
    expect(engine.judged).toBeLessThanOrEqual(candidates);
    expect(engine.judged).toBeGreaterThanOrEqual(candidates - 20);
  });

  it('its confidence is calibrated on its own walk-forward history (random walks, 3 seeds)', async () => {
    // Overlapping horizons make outcomes of neighbouring bars nearly the same draw, so a short
    // horizon and several paths keep the sampling noise of the check below ~0.01.
    const points: { c: number; w: boolean }[] = [];
    for (const seed of [11, 12, 13]) {
      const bars = walk(8000, seed);
      await walkForwardSignals(bars, { regimeFitBars: 2000, horizon: 5 }, (s, t) => {
        if (t < 1000 || s.target === s.entry) return;
        const action = s.target > s.entry ? 'BUY' : 'SELL';
        const o = judgeSignal({ action, entry: s.entry, stop: s.stop, target: s.target }, bars.slice(t + 1, t + 6), 5);
        if (o !== null) points.push({ c: s.confidence, w: o.worked });
      });
    }
    const meanC = points.reduce((a, p) => a + p.c, 0) / points.length;
    const rate = points.filter((p) => p.w).length / points.length;
    expect(points.length).toBeGreaterThan(20_000);
    expect(Math.abs(meanC - rate)).toBeLessThan(0.02);
  });
});
