import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../../demo/rng';
import { createBarAnomalyDetector, restoreBarAnomalyDetector, type BarSample } from './index';

/** 1m bars of a random walk with steady volume; `shock` replaces bar 800. */
function bars(shock?: (b: BarSample) => BarSample): BarSample[] {
  const random = mulberry32(11);
  let close = 100;
  return Array.from({ length: 1000 }, (_, i) => {
    const open = close;
    close = open * Math.exp(0.001 * gaussian(random));
    const volume = 10 * Math.exp(0.2 * gaussian(random));
    const bar: BarSample = {
      timeMs: i * 60_000,
      open,
      high: Math.max(open, close) * (1 + 0.0003 * Math.abs(gaussian(random))),
      low: Math.min(open, close) * (1 - 0.0003 * Math.abs(gaussian(random))),
      close,
      volume,
      trades: Math.round(volume * 5),
      buyVolume: volume * 0.5,
      sellVolume: volume * 0.5,
    };
    return i === 800 && shock ? shock(bar) : bar;
  });
}

describe('bar anomaly detector', () => {
  it('flags a price shock on the bar itself and names the features', () => {
    const d = createBarAnomalyDetector();
    const s = bars((b) => ({
      ...b,
      close: b.open * 1.03,
      high: b.open * 1.03,
      volume: b.volume * 20,
      trades: b.trades * 20,
    }));
    const scores = s.map((b) => d.update(b));
    expect((scores[800] as { score: number }).score).toBeGreaterThanOrEqual(0.4);
    expect((scores[800] as { reason: string }).reason).toMatch(/log return/);
    expect((scores[800] as { reason: string }).reason).toMatch(/volume/);
    const alarms = scores.filter((r, i) => i >= 300 && i < 800 && r.score >= 0.4).length;
    expect(alarms).toBeLessThanOrEqual(5);
  });

  it('previews a forming bar without learning it, and restores from a snapshot', () => {
    const s = bars();
    const a = createBarAnomalyDetector();
    const b = createBarAnomalyDetector();
    s.slice(0, 500).forEach((bar) => {
      a.preview({ ...bar, close: bar.close * 1.05 });
      a.update(bar);
      b.update(bar);
    });
    expect(a.snapshot()).toEqual(b.snapshot());
    const restored = restoreBarAnomalyDetector(JSON.parse(JSON.stringify(a.snapshot())));
    expect(s.slice(500).map((bar) => restored.update(bar))).toEqual(s.slice(500).map((bar) => b.update(bar)));
  });
});
