import * as tf from '@tensorflow/tfjs-core';
import { DenseAutoencoder } from '../anomaly/dense-autoencoder';
import { errorScore, errorZ, fitCalibration, type ErrorCalibration } from './error-calibration';
import { fitNormaliser, normaliseInto, type Normaliser } from './normaliser';
import { INPUT_SIZE } from './window-features';

/** Bumped whenever the architecture, features or calibration change: old weights are not loaded. */
export const AUTOENCODER_VERSION = 'market-ae-2';

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

/** 48 → 24 → 6 → 24 → 48, relu inside, a linear bottleneck and output. */
function build(seed: number): DenseAutoencoder {
  return new DenseAutoencoder(tf, {
    sizes: [INPUT_SIZE, 24, 6, 24, INPUT_SIZE],
    activations: ['relu', 'linear', 'relu', 'linear'],
    learningRate: 0.003,
    seed,
  });
}

/** What is stored as the weights' topology: enough to refuse weights of another shape. */
const TOPOLOGY = { network: 'dense-autoencoder', sizes: [INPUT_SIZE, 24, 6, 24, INPUT_SIZE] };

/** Longest stretch of training without giving the event loop a turn (a cancel message must get in). */
const YIELD_MS = 25;

const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The app's learned part: the project's one dense autoencoder network (`../anomaly/dense-autoencoder`)
 * over windows of bar shape features, 48 → 24 → 6 → 24 → 48, trained on the series' own closed bars
 * (epochs of in-order minibatches, no shuffling, so a seed gives the same model on the same bars).
 * Its reconstruction error, calibrated on the training windows, is the learned part of the market
 * ensemble. Every tensor it makes is disposed: `numTensors` after `dispose()` is what it was before `train`.
 */
export class MarketAutoencoder {
  private readonly input = new Float32Array(INPUT_SIZE);

  private constructor(
    private readonly net: DenseAutoencoder,
    readonly extra: AutoencoderExtra,
  ) {}

  /** Trains on `windows` (oldest first). Null when cancelled. */
  static async train(windows: readonly Float64Array[], options: TrainOptions = DEFAULT_TRAIN) {
    if (windows.length < 2) throw new RangeError('at least two windows are needed to train');
    const normaliser = fitNormaliser(windows, INPUT_SIZE);
    const data = new Float32Array(windows.length * INPUT_SIZE);
    windows.forEach((w, i) => normaliseInto(w, normaliser, data, i * INPUT_SIZE));
    const net = build(options.seed);
    const rows = windows.length;
    let loss = NaN;
    try {
      let lastYield = Date.now();
      for (let epoch = 0; epoch < options.epochs; epoch++) {
        let sum = 0;
        for (let from = 0; from < rows; from += options.batchSize) {
          const size = Math.min(options.batchSize, rows - from);
          sum += net.stepWithLoss(data.subarray(from * INPUT_SIZE, (from + size) * INPUT_SIZE), size) * size;
          if (Date.now() - lastYield >= YIELD_MS) {
            await yieldToEvents();
            lastYield = Date.now();
          }
          if (options.cancelled?.() === true) {
            net.dispose();
            return null;
          }
        }
        loss = sum / rows;
        options.onProgress?.({ epoch: epoch + 1, epochs: options.epochs, loss });
      }
      // Adam's moments are only needed while training.
      net.endTraining();
      const errors = net.rowErrors(data, rows);
      if (!errors.every(Number.isFinite)) throw new Error('training produced a model whose errors are not finite');
      return new MarketAutoencoder(net, { normaliser, calibration: fitCalibration(errors), finalLoss: loss });
    } catch (error) {
      net.dispose();
      throw error;
    }
  }

  /** Rebuilds a stored model from its weight artifacts and what was stored beside them. */
  static fromArtifacts(artifacts: tf.io.ModelArtifacts, extra: AutoencoderExtra): MarketAutoencoder {
    const net = build(0);
    try {
      net.loadArtifacts(artifacts);
    } catch (error) {
      net.dispose();
      throw error;
    }
    return new MarketAutoencoder(net, extra);
  }

  /** Mean squared reconstruction error of one window (normalised inputs). */
  error(window: Float64Array): number {
    normaliseInto(window, this.extra.normaliser, this.input, 0);
    return this.net.meanSquaredError(this.input);
  }

  /** The error's z on the training errors' log-normal fit, and its score in [0, 1]. */
  score(window: Float64Array): { error: number; z: number; score: number } {
    const error = this.error(window);
    return { error, z: errorZ(error, this.extra.calibration), score: errorScore(error, this.extra.calibration) };
  }

  /** Saves the weights through a TF.js IO handler (the app's is over IndexedDB). */
  async save(handler: tf.io.IOHandler): Promise<void> {
    if (handler.save === undefined) throw new Error('this weights handler cannot save');
    await handler.save(await this.net.artifacts(TOPOLOGY));
  }

  dispose(): void {
    this.net.dispose();
  }
}
