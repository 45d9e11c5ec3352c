import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { ar1Returns, barsFromReturns } from '../synthetic-bars';
import type { ForecastBar } from '../forecaster';
import { reusable, trainOnly, type NetworkSpan, type NetworkWeights, type StoredNetwork } from './network-weights';
import { TapewatchModel } from './tapewatch-model';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

/** Weights kept in memory the way the app keeps them in IndexedDB: artifacts and the span. */
function memoryWeights(): NetworkWeights & {
  saves: number;
  row: { artifacts: tf.io.ModelArtifacts; span: StoredNetwork } | null;
} {
  const store = {
    saves: 0,
    row: null as { artifacts: tf.io.ModelArtifacts; span: StoredNetwork } | null,
    stored: () => Promise.resolve(store.row?.span ?? null),
    loader: (): tf.io.IOHandler => ({
      load: () =>
        store.row === null ? Promise.reject(new Error('none stored')) : Promise.resolve(store.row.artifacts),
    }),
    saver: (span: NetworkSpan): tf.io.IOHandler => ({
      save: (artifacts) => {
        store.saves++;
        store.row = { artifacts, span: { ...span, trainedAtMs: 1 } };
        return Promise.resolve({ modelArtifactsInfo: { dateSaved: new Date(1), modelTopologyType: 'JSON' } });
      },
    }),
  };
  return store;
}

const bars: ForecastBar[] = barsFromReturns(
  ar1Returns(1_600, 0.3, () => 0.001, 5),
  () => 0.001,
);

/** The model's predictions after it has seen `shown` bars following its fit. */
function predictionsAfter(model: TapewatchModel, shown: readonly ForecastBar[]): number[] {
  const out: number[] = [];
  for (const b of shown) {
    model.observe(b);
    out.push(...model.predict(3).mean);
  }
  return out;
}

describe('tapewatch network weights', () => {
  it('stores the network it trains; a later fit reuses it and forecasts exactly as the trained one', async () => {
    const weights = memoryWeights();
    const trained = new TapewatchModel(3, weights);
    const history = bars.slice(0, 1_000);
    await trained.fit(history);
    expect(weights.saves).toBe(1);
    expect(weights.row?.span).toMatchObject({
      fromMs: history[0]?.openTimeMs,
      toMs: history[999]?.openTimeMs,
      bars: 1_000,
    });
    expect(trained.provenance).toBe('trained on 1000 bars, stored');
    const expected = predictionsAfter(trained, bars.slice(0, 1_100));

    // The next session's history runs 100 bars further: the stored network stands in.
    const reused = new TapewatchModel(99, weights);
    await reused.fit(bars.slice(0, 1_100));
    expect(weights.saves).toBe(1);
    expect(reused.provenance).toMatch(/^stored network \(1000 bars to \d{4}-\d\d-\d\d \d\d:\d\d\)$/);
    const again = new TapewatchModel(3, null);
    await again.fit(history);
    expect(predictionsAfter(reused, bars.slice(0, 1_100))).toEqual(expected);
    // Without a store the network is trained every fit, with the same seed to the same weights.
    expect(predictionsAfter(again, bars.slice(0, 1_100))).toEqual(expected);
    [trained, reused, again].forEach((m) => m.dispose());
  }, 60_000);

  it('reuses a network trained past the history (saying how far), trains again when it is too old or unreadable', async () => {
    const weights = memoryWeights();
    const model = new TapewatchModel(3, weights);
    await model.fit(bars.slice(200, 1_000));
    expect(model.fittedThroughMs).toBe(bars[999]?.openTimeMs);
    // A reload soon after: the history ends before the stored network's last bar. It is reused,
    // and says it was fitted through that bar, so the caller scores it only on later bars.
    await model.fit(bars.slice(0, 900));
    expect(weights.saves).toBe(1);
    expect(model.fittedThroughMs).toBe(bars[999]?.openTimeMs);
    // More than 1,440 bars after its last training bar: stale.
    const later = memoryWeights();
    const aged = new TapewatchModel(3, later);
    await aged.fit(bars.slice(0, 150));
    expect(later.saves).toBe(1);
    expect(aged.fittedThroughMs).toBe(bars[149]?.openTimeMs);
    await aged.fit(bars.slice(0, 1_591));
    expect(later.saves).toBe(2);
    expect(aged.provenance).toBe('trained on 1591 bars, stored');
    // 1,440 bars after it: still reused.
    await aged.fit(bars.slice(0, 1_591 + 9));
    expect(later.saves).toBe(2);
    aged.dispose();
    // A refit trains even where a stored network could stand in, and stores the new one.
    const refit = new TapewatchModel(3, trainOnly(later));
    await refit.fit(bars.slice(0, 1_600));
    expect(later.saves).toBe(3);
    expect(refit.provenance).toBe('trained on 1600 bars, stored');
    expect(later.row?.span.toMs).toBe(bars[1_599]?.openTimeMs);
    refit.dispose();
    // Weights damaged to NaN are refused on load and trained over (else the network forecasts NaN).
    const damaged = memoryWeights();
    const first = new TapewatchModel(3, damaged);
    await first.fit(bars.slice(0, 1_000));
    const row = damaged.row as NonNullable<typeof damaged.row>;
    const data = new Float32Array((row.artifacts.weightData as ArrayBuffer).slice(0));
    data[0] = Number.NaN;
    row.artifacts = { ...row.artifacts, weightData: data.buffer };
    const after = new TapewatchModel(3, damaged);
    await after.fit(bars.slice(0, 1_000));
    expect(after.provenance).toBe('trained on 1000 bars, stored');
    expect(damaged.saves).toBe(2);
    after.observe(bars[1_000] as ForecastBar);
    expect(after.predict(1).mean.every(Number.isFinite)).toBe(true);
    [first, after].forEach((m) => m.dispose());
    // Unreadable weights are trained over, not fatal.
    const broken: NetworkWeights = { ...weights, loader: () => ({ load: () => Promise.reject(new Error('corrupt')) }) };
    const fresh = new TapewatchModel(3, broken);
    await fresh.fit(bars.slice(0, 1_000));
    expect(fresh.provenance).toBe('trained on 1000 bars, stored');
    [model, fresh].forEach((m) => m.dispose());
  }, 60_000);

  it('reusable: a stored span at most maxAge bars before the end of the history, or past it', () => {
    const history = [...Array(10).keys()].map((i) => ({ openTimeMs: i }));
    const span = (toMs: number) => ({ fromMs: 0, toMs, bars: 5, trainedAtMs: 0 });
    expect(reusable(null, history)).toBe(false);
    expect(reusable(span(9), history, 0)).toBe(true);
    expect(reusable(span(10), history)).toBe(true);
    expect(reusable(span(6), history, 3)).toBe(true);
    expect(reusable(span(5), history, 3)).toBe(false);
    expect(reusable(span(0), [], 3)).toBe(false);
  });
});
