import type * as tf from '@tensorflow/tfjs-core';
import type { WeightsPort } from '../../src/core/models/market-autoencoder';
import { seriesId } from '../../src/core/models/scoring';
import type { TapewatchDb } from '../../src/data/db';
import { dexieWeightsHandler, storedTraining, weightsId } from '../../src/data/model-weights-store';

/**
 * Model weights in IndexedDB, one row per kind and series. src/data writes the handler without
 * importing TF.js; its artifacts have TF.js's `ModelArtifacts` shape, named here.
 */
export function dexieWeightsPort(db: TapewatchDb, kind: string): WeightsPort {
  const idOf = (s: Parameters<WeightsPort['info']>[0]) => weightsId(kind, seriesId(s));
  return {
    handler: (series, info) => dexieWeightsHandler<tf.io.ModelArtifacts>(db, idOf(series), info),
    info: (series, version) => storedTraining(db, idOf(series), version),
  };
}
