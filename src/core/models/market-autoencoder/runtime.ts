import type * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Candle } from '../../candles/candle';
import { barSampleFromCandle } from '../anomaly';
import type { LearnedRuntime, ScoredSeries } from '../scoring/anomaly-service';
import type { LearnedScorer } from '../scoring/learned-guard';
import {
  AUTOENCODER_VERSION,
  DEFAULT_TRAIN,
  MarketAutoencoder,
  type AutoencoderExtra,
  type TrainOptions,
} from './autoencoder';
import { windowsOf } from './window-features';

export const AUTOENCODER_KIND = 'anomaly-autoencoder';

/** What is stored beside the weights (the status panel's "last trained, data used, backend"). */
export interface TrainingInfo {
  readonly kind: string;
  readonly version: string;
  readonly trainedAtMs: number;
  readonly bars: number;
  readonly fromMs: number;
  readonly toMs: number;
  readonly backend: string;
  readonly extra?: unknown;
}

/** Where weights live (IndexedDB in the app): a TF.js IO handler per series, and the stored record. */
export interface WeightsPort {
  handler(series: ScoredSeries, info: () => TrainingInfo): tf.io.IOHandler;
  info(series: ScoredSeries, version: string): Promise<TrainingInfo | null>;
}

export interface RuntimeOptions {
  readonly weights: WeightsPort;
  /** Sets the TF.js backend up (wasm with a timeout, else cpu); the caller's choice. */
  readonly ready: () => Promise<{ backend: string; note: string | null }>;
  readonly now: () => number;
  readonly train?: Partial<TrainOptions>;
}

function scorerOf(ae: MarketAutoencoder): LearnedScorer {
  return { name: 'autoencoder', score: (w) => ae.score(w), dispose: () => ae.dispose() };
}

/** The autoencoder as the anomaly service's learned part: load from, train into, the weights port. */
export function autoencoderRuntime(options: RuntimeOptions): LearnedRuntime {
  let backend = 'unknown';
  return {
    async ready() {
      const r = await options.ready();
      backend = r.backend;
      return r;
    },
    async load(series) {
      const info = await options.weights.info(series, AUTOENCODER_VERSION);
      if (info === null || info.extra === undefined) return null;
      const model = await tfl.loadLayersModel(options.weights.handler(series, () => info));
      const ae = MarketAutoencoder.fromLoaded(model, info.extra as AutoencoderExtra);
      return {
        scorer: scorerOf(ae),
        trainedAtMs: info.trainedAtMs,
        bars: info.bars,
        fromMs: info.fromMs,
        toMs: info.toMs,
      };
    },
    async train(series, bars: readonly Candle[], onProgress, cancelled) {
      const windows = windowsOf(bars.map((c) => barSampleFromCandle(c)));
      const ae = await MarketAutoencoder.train(windows, { ...DEFAULT_TRAIN, ...options.train, onProgress, cancelled });
      if (ae === null) return null;
      const first = bars[0] as Candle;
      const last = bars[bars.length - 1] as Candle;
      const info: TrainingInfo = {
        kind: AUTOENCODER_KIND,
        version: AUTOENCODER_VERSION,
        trainedAtMs: options.now(),
        bars: bars.length,
        fromMs: first.openTimeMs,
        toMs: last.openTimeMs,
        backend,
        extra: ae.extra,
      };
      await ae.save(options.weights.handler(series, () => info));
      return {
        scorer: scorerOf(ae),
        trainedAtMs: info.trainedAtMs,
        bars: info.bars,
        fromMs: info.fromMs,
        toMs: info.toMs,
      };
    },
  };
}
