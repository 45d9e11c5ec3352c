import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../demo/rng';
import { ENSEMBLE_BARS, ENSEMBLE_SERIES } from '../../../../test/fixtures/anomaly/ensemble-inputs';
import { createBarAnomalyDetector } from './bar-detector';
import { createAnomalyDetector } from './detector';
import { RingBuffer } from './ring-buffer';
import { robustLocation } from './robust-scale';
import { SortedWindow } from './sorted-window';

const fixture = JSON.parse(
  readFileSync(new URL('../../../../test/fixtures/anomaly/ensemble-scores.json', import.meta.url), 'utf8'),
) as { barScores: number[]; seriesScores: number[] };

describe('sorted window', () => {
  it('gives bit for bit the median and scale of sorting the window, on ties, zeros, signed zeros and non-finite values', () => {
    const random = mulberry32(5);
    const draws: (() => number)[] = [
      () => random() - 0.5,
      () => Math.floor(random() * 4),
      () => (random() < 0.6 ? 0 : random() < 0.5 ? -0 : random()),
      () => (random() < 0.02 ? (random() < 0.5 ? Infinity : NaN) : random() * 1e6),
    ];
    for (const [d, draw] of draws.entries()) {
      for (const capacity of [1, 2, 9, 128]) {
        const ring = new RingBuffer(capacity);
        const sorted = new SortedWindow(capacity);
        const scratch = new Float64Array(capacity);
        for (let i = 0; i < 1_500; i++) {
          const x = draw();
          ring.push(x);
          sorted.push(x);
          const want = robustLocation(ring, scratch);
          const got = sorted.location();
          expect(
            Object.is(got.median, want.median) && Object.is(got.scale, want.scale),
            `draw ${d} n ${capacity} i ${i}`,
          ).toBe(true);
        }
        expect(sorted.toArray()).toEqual(ring.toArray());
      }
    }
  });

  it('leaves every ensemble score bit-identical to the scores before it (committed fixture)', () => {
    const bar = createBarAnomalyDetector({ likelihood: { learningPeriod: 120, estimationSamples: 120 } });
    const barScores = ENSEMBLE_BARS.map((s) => bar.update(s).score);
    const one = createAnomalyDetector({ seed: 1 });
    const seriesScores = ENSEMBLE_SERIES.map((v, i) => one.update(i * 60_000, v).score);
    expect(barScores.filter((s) => s >= 0.5).length + seriesScores.filter((s) => s >= 0.5).length).toBeGreaterThan(0);
    expect(barScores).toEqual(fixture.barScores);
    expect(seriesScores).toEqual(fixture.seriesScores);
  });
});
