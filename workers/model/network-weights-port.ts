import type * as tf from '@tensorflow/tfjs-core';
import { NETWORK_VERSION, type NetworkWeights } from '../../src/core/models/forecast/tapewatch/network-weights';
import type { ForecastSeries } from '../../src/core/models/forecasting/forecast-types';
import { seriesId } from '../../src/core/models/scoring';
import type { TapewatchDb } from '../../src/data/db';
import { dexieWeightsHandler, storedTraining, weightsId } from '../../src/data/model-weights-store';

/** The kind of the forecast network's rows in `modelWeights` (one per series). */
export const NETWORK_KIND = 'forecast-tapewatch';

/** A series' tapewatch network in IndexedDB, beside the anomaly autoencoders' weights. */
export function dexieNetworkWeights(db: TapewatchDb, series: ForecastSeries, backend: () => string): NetworkWeights {
  const id = weightsId(NETWORK_KIND, seriesId(series));
  const record = (span: { fromMs: number; toMs: number; bars: number }) => () => ({
    kind: NETWORK_KIND,
    version: NETWORK_VERSION,
    trainedAtMs: Date.now(),
    ...span,
    backend: backend(),
  });
  return {
    stored: async () => {
      const r = await storedTraining(db, id, NETWORK_VERSION);
      return r === null ? null : { fromMs: r.fromMs, toMs: r.toMs, bars: r.bars, trainedAtMs: r.trainedAtMs };
    },
    loader: () => dexieWeightsHandler<tf.io.ModelArtifacts>(db, id, record({ fromMs: 0, toMs: 0, bars: 0 })),
    saver: (span) => dexieWeightsHandler<tf.io.ModelArtifacts>(db, id, record(span)),
  };
}
