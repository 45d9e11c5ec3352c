import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TapewatchDb } from './db';
import { dexieWeightsHandler, storedTraining, weightsId, type TrainingRecord } from './model-weights-store';

const record = (version = 'ae-1'): TrainingRecord => ({
  kind: 'anomaly-autoencoder',
  version,
  trainedAtMs: 1_700_000_000_000,
  bars: 500,
  fromMs: 1_699_000_000_000,
  toMs: 1_700_000_000_000,
  backend: 'cpu',
  extra: { mean: [1, 2], std: [3, 4] },
});

function smallModel(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [6], units: 3, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 6 }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return model;
}

describe('TF.js IO handler over Dexie', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('round-trips a layers model: same weights, same predictions, with its training record', async () => {
    const db = new TapewatchDb(`weights-${Math.random()}`);
    const id = weightsId('anomaly-autoencoder', 'binance-spot|BTCUSDT|1m');
    const model = smallModel();
    const x = tf.tensor2d([[0.1, -0.2, 0.3, 0.5, -1, 2]]);
    const before = (model.predict(x) as tf.Tensor).dataSync().slice();
    await model.save(dexieWeightsHandler<tf.io.ModelArtifacts>(db, id, () => record()));

    const loaded = await tf.loadLayersModel(dexieWeightsHandler<tf.io.ModelArtifacts>(db, id, () => record()));
    const after = (loaded.predict(x) as tf.Tensor).dataSync();
    expect(Array.from(after)).toEqual(Array.from(before));
    const w0 = model.getWeights().map((w) => Array.from(w.dataSync()));
    const w1 = loaded.getWeights().map((w) => Array.from(w.dataSync()));
    expect(w1).toEqual(w0);

    expect(await storedTraining(db, id, 'ae-1')).toEqual(record());
    x.dispose();
    model.dispose();
    loaded.dispose();
    db.close();
  });

  it('refuses weights of another model version, and a missing model', async () => {
    const db = new TapewatchDb(`weights-${Math.random()}`);
    const id = weightsId('anomaly-autoencoder', 'kraken|BTC/USD|1m');
    const model = smallModel();
    await model.save(dexieWeightsHandler<tf.io.ModelArtifacts>(db, id, () => record('ae-1')));
    await expect(
      tf.loadLayersModel(dexieWeightsHandler<tf.io.ModelArtifacts>(db, id, () => record('ae-2'))),
    ).rejects.toThrow(/version ae-1/);
    await expect(
      tf.loadLayersModel(dexieWeightsHandler<tf.io.ModelArtifacts>(db, 'nothing', () => record())),
    ).rejects.toThrow(/no stored/);
    expect(await storedTraining(db, id, 'ae-2')).toBeNull();
    model.dispose();
    db.close();
  });
});
