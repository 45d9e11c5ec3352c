import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { errorScore, errorZ, fitCalibration, type ErrorCalibration } from './error-calibration';
import { fitNormaliser, normaliseInto, type Normaliser } from './normaliser';
import { INPUT_SIZE } from './window-features';

/** Bumped whenever the architecture, features or calibration change: old weights are not loaded. */
export const AUTOENCODER_VERSION = 'market-ae-1';

export interface TrainOptions {
  readonly epochs: number;
  readonly batchSize: number;
  readonly seed: number;
  /** Called after each epoch (fraction 0..1 of the run) and with the loss. */
  readonly onProgress?: (p: { epoch: number; epochs: number; loss: number }) => void;
  /** Checked between batches: true stops training (the model is then discarded). */
  readonly cancelled?: () => boolean;
}

export const DEFAULT_TRAIN: TrainOptions = { epochs: 6, batchSize: 256, seed: 7 };

/** What besides weights a trained autoencoder needs to score: stored as the weights' `extra`. */
export interface AutoencoderExtra {
  readonly normaliser: Normaliser;
  readonly calibration: ErrorCalibration;
  readonly finalLoss: number;
}

function build(seed: number): tfl.LayersModel {
  // Seeded initialisers and no shuffling: a seed gives the same model on the same bars.
  const init = (s: number) => tfl.initializers.glorotUniform({ seed: seed * 101 + s });
  const model = tfl.sequential();
  model.add(tfl.layers.dense({ inputShape: [INPUT_SIZE], units: 24, activation: 'relu', kernelInitializer: init(1) }));
  model.add(tfl.layers.dense({ units: 6, activation: 'linear', kernelInitializer: init(2) }));
  model.add(tfl.layers.dense({ units: 24, activation: 'relu', kernelInitializer: init(3) }));
  model.add(tfl.layers.dense({ units: INPUT_SIZE, activation: 'linear', kernelInitializer: init(4) }));
  model.compile({ optimizer: tf.train.adam(0.003), loss: 'meanSquaredError' });
  return model;
}

/**
 * A small dense autoencoder (48 → 24 → 6 → 24 → 48) over windows of bar shape features, trained
 * on the series' own closed bars. Its reconstruction error, calibrated on the training windows,
 * is the learned part of the market ensemble. Every tensor it makes is disposed: `numTensors`
 * after `dispose()` is what it was before `train`.
 */
export class MarketAutoencoder {
  private readonly input = new Float32Array(INPUT_SIZE);

  private constructor(
    private readonly model: tfl.LayersModel,
    readonly extra: AutoencoderExtra,
  ) {}

  /** Trains on `windows` (oldest first). Null when cancelled. */
  static async train(windows: readonly Float64Array[], options: TrainOptions = DEFAULT_TRAIN) {
    if (windows.length < 2) throw new RangeError('at least two windows are needed to train');
    const normaliser = fitNormaliser(windows, INPUT_SIZE);
    const data = new Float32Array(windows.length * INPUT_SIZE);
    windows.forEach((w, i) => normaliseInto(w, normaliser, data, i * INPUT_SIZE));
    const model = build(options.seed);
    const x = tf.tensor2d(data, [windows.length, INPUT_SIZE]);
    let loss = NaN;
    try {
      await model.fit(x, x, {
        epochs: options.epochs,
        batchSize: options.batchSize,
        shuffle: false,
        verbose: 0,
        callbacks: {
          onBatchEnd: async () => {
            if (options.cancelled?.() === true) model.stopTraining = true;
          },
          onEpochEnd: async (epoch, logs) => {
            loss = Number(logs?.['loss']);
            options.onProgress?.({ epoch: epoch + 1, epochs: options.epochs, loss });
          },
        },
      });
      // The optimizer's slots (Adam's moments) are only needed while training; the model created
      // it, not from a name, so model.dispose() would leave them behind.
      model.optimizer.dispose();
      if (options.cancelled?.() === true) {
        model.dispose();
        return null;
      }
      const errors = reconstructionErrors(model, x);
      if (!errors.every(Number.isFinite)) {
        model.dispose();
        throw new Error('training produced a model whose errors are not finite');
      }
      return new MarketAutoencoder(model, { normaliser, calibration: fitCalibration(errors), finalLoss: loss });
    } catch (error) {
      model.optimizer?.dispose();
      model.dispose();
      throw error;
    } finally {
      x.dispose();
    }
  }

  /** Wraps a model loaded from storage with what was stored beside it. */
  static fromLoaded(model: tfl.LayersModel, extra: AutoencoderExtra): MarketAutoencoder {
    return new MarketAutoencoder(model, extra);
  }

  /** Mean squared reconstruction error of one window (normalised inputs). */
  error(window: Float64Array): number {
    normaliseInto(window, this.extra.normaliser, this.input, 0);
    return tf.tidy(() => {
      const x = tf.tensor2d(this.input, [1, INPUT_SIZE]);
      const y = this.model.predict(x) as tf.Tensor;
      return tf.mean(tf.squaredDifference(x, y)).dataSync()[0] as number;
    });
  }

  /** The error's z on the training errors' log-normal fit, and its score in [0, 1]. */
  score(window: Float64Array): { error: number; z: number; score: number } {
    const error = this.error(window);
    return { error, z: errorZ(error, this.extra.calibration), score: errorScore(error, this.extra.calibration) };
  }

  /** Saves weights and topology through a TF.js IO handler (the app's is over IndexedDB). */
  async save(handler: tf.io.IOHandler): Promise<void> {
    await this.model.save(handler);
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** Per-row errors, computed in slices so no huge intermediate stays alive. */
function reconstructionErrors(model: tfl.LayersModel, x: tf.Tensor2D): Float32Array {
  const rows = x.shape[0];
  const out = new Float32Array(rows);
  const step = 4096;
  for (let from = 0; from < rows; from += step) {
    const size = Math.min(step, rows - from);
    const part = tf.tidy(() => {
      const slice = tf.slice(x, [from, 0], [size, INPUT_SIZE]);
      const y = model.predict(slice) as tf.Tensor;
      return tf.mean(tf.squaredDifference(slice, y), 1);
    });
    out.set(part.dataSync(), from);
    part.dispose();
  }
  return out;
}
