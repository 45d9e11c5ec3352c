import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BarSample } from '../anomaly/bar-features';
import { MarketAutoencoder } from './autoencoder';
import { FeatureWindow, windowsOf } from './window-features';

/** A seeded random walk of 1m bars (deterministic). */
function walk(n: number, seed = 3): BarSample[] {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) as number;
  let price = 100;
  const out: BarSample[] = [];
  for (let i = 0; i < n; i++) {
    const open = price;
    price *= 1 + (rand() - 0.5) * 0.002;
    const high = Math.max(open, price) * (1 + rand() * 0.0005);
    const low = Math.min(open, price) * (1 - rand() * 0.0005);
    const volume = 5 + rand() * 5;
    const buy = volume * (0.4 + rand() * 0.2);
    out.push({
      timeMs: i * 60_000,
      open,
      high,
      low,
      close: price,
      volume,
      trades: 20 + Math.floor(rand() * 20),
      buyVolume: buy,
      sellVolume: volume - buy,
    });
  }
  return out;
}

const FAST = { epochs: 2, batchSize: 128, seed: 7 };

describe('market autoencoder (Node, cpu backend)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('keeps the tensor count flat over 10,000 scoring steps', async () => {
    const bars = walk(10_600);
    const ae = (await MarketAutoencoder.train(windowsOf(bars.slice(0, 600)), FAST))!;
    const w = new FeatureWindow();
    for (const b of bars.slice(0, 600)) w.push(b);
    const before = tf.memory().numTensors;
    let scored = 0;
    for (const b of bars.slice(600)) {
      w.push(b);
      const s = ae.score(w.window()!);
      expect(Number.isFinite(s.score)).toBe(true);
      scored++;
      if (scored === 5_000) expect(tf.memory().numTensors).toBe(before);
    }
    expect(scored).toBe(10_000);
    expect(tf.memory().numTensors).toBe(before);
    ae.dispose();
  }, 120_000);

  it('leaves no tensor behind over repeated training runs (and a cancelled one)', async () => {
    const windows = windowsOf(walk(800));
    const start = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const ae = (await MarketAutoencoder.train(windows, FAST))!;
      ae.dispose();
      expect(tf.memory().numTensors).toBe(start);
    }
    let batches = 0;
    const cancelled = await MarketAutoencoder.train(windows, { ...FAST, cancelled: () => ++batches > 2 });
    expect(cancelled).toBeNull();
    expect(tf.memory().numTensors).toBe(start);
  }, 120_000);

  it('is deterministic for a seed and scores a shocked window far above ordinary ones', async () => {
    const bars = walk(1_200);
    const windows = windowsOf(bars.slice(0, 1_000));
    const a = (await MarketAutoencoder.train(windows, FAST))!;
    const b = (await MarketAutoencoder.train(windows, FAST))!;
    const w = new FeatureWindow();
    for (const bar of bars.slice(0, 1_100)) w.push(bar);
    const x = w.window()!;
    expect(a.score(x).error).toBe(b.score(x).error);
    const ordinary = a.score(x).score;
    const last = bars[1_099]!;
    const shock = {
      ...last,
      timeMs: last.timeMs + 60_000,
      open: last.close,
      close: last.close * 0.9,
      low: last.close * 0.88,
      high: last.close,
      volume: 200,
      trades: 900,
      buyVolume: 10,
      sellVolume: 190,
    };
    const shocked = a.score(w.withForming(shock)!);
    expect(ordinary).toBeLessThan(0.5);
    expect(shocked.score).toBeGreaterThan(0.9);
    expect(shocked.z).toBeGreaterThan(5);
    a.dispose();
    b.dispose();
  }, 120_000);
});
