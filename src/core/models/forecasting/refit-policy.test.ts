import { describe, expect, it } from 'vitest';
import type { ForecastStep } from '../forecast/forecaster';
import { SinceFit } from './refit-policy';

const POLICY = { everyBars: 50, judgedBars: 20, coverage80: [0.7, 0.9] as const };

/** A forecast of `close` with a ±`half` 80 % interval (95 %: twice as wide). */
function step(close: number, half: number): ForecastStep {
  const [lo80, hi80, lo95, hi95] = [close - half, close + half, close - 2 * half, close + 2 * half];
  return { horizon: 1, close, high: close, low: close, lo80, hi80, lo95, hi95, pUp: 0.5 };
}

describe('SinceFit', () => {
  it('is due on schedule after everyBars closed bars, forecast or not', () => {
    const s = new SinceFit(true, 1, POLICY);
    for (let i = 0; i < 49; i++) s.add(null, 100, 100);
    expect(s.due()).toBeNull();
    s.add(null, 100, 100);
    expect(s.due()).toBe('scheduled: 50 bars since the last fit');
  });

  it('is due when the 80 % coverage since the fit leaves [70 %, 90 %] over the judged bars', () => {
    // 8 of 10 closes inside: 80 %, not due; then 4 misses (13 of the newest 20 inside).
    const s = new SinceFit(true, 1, POLICY);
    for (let i = 0; i < 20; i++) s.add(step(100, 1), i % 5 === 0 ? 102 : 100.5, 100);
    expect(s.due()).toBeNull();
    for (let i = 0; i < 4; i++) s.add(step(100, 1), 103, 100);
    expect(s.due()).toBe('80 % interval covered 65 % of the 20 bars since the fit');
    // Too wide is degraded too: every close inside.
    const wide = new SinceFit(true, 1, POLICY);
    for (let i = 0; i < 19; i++) wide.add(step(100, 10), 101, 100);
    expect(wide.due()).toBeNull();
    wide.add(step(100, 10), 101, 100);
    expect(wide.due()).toBe('80 % interval covered 100 % of the 20 bars since the fit');
  });

  it('is due when its error is significantly above persistence since the fit', () => {
    // The comparison with persistence needs 50 bars.
    const s = new SinceFit(false, 1, { ...POLICY, everyBars: 1_000, judgedBars: 50 });
    // Calibrated intervals (8 of 10 inside), errors always 1 larger than persistence's.
    for (let i = 0; i < 49; i++) s.add(step(100 + (i % 2 === 0 ? 1 : -1), i % 5 === 0 ? 0.5 : 5), 100, 100);
    expect(s.due()).toBeNull();
    s.add(step(101, 5), 100, 100);
    expect(s.due()).toBe("error above persistence's over the 50 bars since the fit");
  });
});
