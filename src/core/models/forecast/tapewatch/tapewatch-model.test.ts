import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createForecasters } from '../create-forecasters';
import { ar1Returns, barsFromReturns } from '../synthetic-bars';
import { MetricsAccumulator, naiveScale } from '../walk-forward/forecast-metrics';
import { walkForward } from '../walk-forward/walk-forward';
import type { ForecastBar } from '../forecaster';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

async function mase(bars: readonly ForecastBar[]) {
  const models = createForecasters(['persistence', 'tapewatch'], 7);
  const acc = new Map(models.map((m) => [m.name, new MetricsAccumulator()]));
  await walkForward(bars, models, { trainFraction: 0.6, horizon: 1 }, (row) => acc.get(row.model)?.add(row));
  models.forEach((m) => m.dispose());
  const scale = naiveScale(bars.slice(0, Math.floor(bars.length * 0.6)));
  return Object.fromEntries([...acc].map(([name, a]) => [name, a.summary(scale)]));
}

describe('tapewatch quantile MLP', () => {
  it('beats persistence on AR(1) returns and not on a random walk; coverage near nominal', async () => {
    const ar = await mase(
      barsFromReturns(
        ar1Returns(4000, 0.4, () => 0.001, 31),
        () => 0.001,
      ),
    );
    expect(ar.tapewatch!.mase).toBeLessThan(0.95 * ar.persistence!.mase);
    expect(Math.abs(ar.tapewatch!.coverage80 - 0.8)).toBeLessThan(0.04);
    const walk = await mase(
      barsFromReturns(
        ar1Returns(4000, 0, () => 0.001, 32),
        () => 0.001,
      ),
    );
    expect(walk.tapewatch!.mase).toBeGreaterThan(0.99 * walk.persistence!.mase);
  }, 120_000);

  it('is deterministic for a seed and keeps the tensor count flat over repeated forecast steps', async () => {
    const bars = barsFromReturns(
      ar1Returns(1500, 0.3, () => 0.002, 33),
      () => 0.002,
    );
    const before = tf.memory().numTensors;
    const [a] = createForecasters(['tapewatch'], 9);
    const [b] = createForecasters(['tapewatch'], 9);
    await a!.fit(bars.slice(0, 1000));
    await b!.fit(bars.slice(0, 1000));
    const afterFit = tf.memory().numTensors;
    for (let i = 1000; i < 1500; i++) {
      expect(a!.forecast(10)).toEqual(b!.forecast(10));
      a!.observe(bars[i]!);
      b!.observe(bars[i]!);
      expect(tf.memory().numTensors).toBe(afterFit);
    }
    a!.dispose();
    b!.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
});
