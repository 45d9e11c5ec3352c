import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../../demo/rng';
import { createAnomalyDetector, createAutoencoderPart, createBarAnomalyDetector, type BarSample } from './index';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

function noisySine(n: number, seed: number): number[] {
  const random = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => Math.sin(i / 15) + 0.05 * gaussian(random));
}

describe('TF.js autoencoder part (cpu backend)', () => {
  it('keeps tf.memory().numTensors flat over 10,000 steps and repeated training, and frees all on dispose', () => {
    const before = tf.memory().numTensors;
    const d = createAnomalyDetector({ learned: createAutoencoderPart(tf) });
    const values = noisySine(10_000, 3);
    let afterWarmUp = -1;
    values.forEach((v, i) => {
      d.update(i, v);
      if (i === 1_000) afterWarmUp = tf.memory().numTensors;
    });
    // 10,000 steps retrain every 512 inputs: ~19 training rounds after the warm-up count was taken.
    expect(tf.memory().numTensors).toBe(afterWarmUp);
    d.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 240_000);

  it('is deterministic for a seed and differs across seeds', () => {
    const values = noisySine(1_200, 5);
    const run = (seed: number) => {
      const d = createAnomalyDetector({ seed, learned: createAutoencoderPart(tf) });
      const out = values.map((v, i) => d.update(i, v).parts.find((p) => p.name === 'autoencoder')?.score ?? -1);
      d.dispose();
      return out;
    };
    const a = run(4);
    expect(run(4)).toEqual(a);
    expect(run(5)).not.toEqual(a);
    expect(a.some((s) => s > 0)).toBe(true);
  }, 120_000);

  it('learns the series: reconstruction error of familiar windows falls below that of a novel one', () => {
    const part = createAutoencoderPart(tf, { trainEvery: 128 })({ inputSize: 16, seed: 1 });
    const window = (phase: number) =>
      Float64Array.from({ length: 16 }, (_, k) => 0.5 + 0.4 * Math.sin((phase + k) / 3));
    for (let i = 0; i < 1_500; i++) part.learn(window(i));
    const familiar = part.error(window(7));
    const novel = part.error(Float64Array.from({ length: 16 }, (_, k) => (k % 2 === 0 ? 0.05 : 0.95)));
    expect(familiar).toBeLessThan(novel / 2);
    part.dispose();
  }, 120_000);

  it('joins the bar detector on the feature vector and flags an unusual mix', () => {
    const random = mulberry32(2);
    const d = createBarAnomalyDetector({ learned: createAutoencoderPart(tf) });
    let close = 100;
    let last: { score: number; reason: string; parts: readonly { name: string; score: number }[] } = {
      score: 0,
      reason: '',
      parts: [],
    };
    for (let i = 0; i < 1_200; i++) {
      const open = close;
      close = open * Math.exp(0.001 * gaussian(random));
      const volume = 10 * Math.exp(0.2 * gaussian(random));
      const bar: BarSample = {
        timeMs: i * 60_000,
        open,
        high: Math.max(open, close),
        low: Math.min(open, close),
        close,
        volume,
        trades: Math.round(volume * 5),
      };
      last = d.update(
        i === 1_199 ? { ...bar, close: open, high: open, low: open, volume: volume * 30, trades: 1 } : bar,
      );
    }
    expect(last.reason).toMatch(/volume|trade count|feature mix/);
    expect(last.score).toBeGreaterThanOrEqual(0.4);
    const learned = last.parts.find((p) => p.name === 'feature mix · autoencoder');
    expect(learned?.score ?? 0).toBeGreaterThan(0);
    d.dispose();
  }, 120_000);
});
