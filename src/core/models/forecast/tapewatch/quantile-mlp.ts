import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { INPUT_SIZE, OUTPUT_SIZE, QUANTILES } from './quantile-features';

export interface QuantileTrainOptions {
  readonly seed: number;
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly hidden?: number;
}

/**
 * Mean pinball loss over every output: column j is quantile QUANTILES[j mod 5] of its horizon's
 * target (the target repeated in each of the horizon's five columns).
 */
function pinballLoss(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const taus = tf.tensor1d(Array.from({ length: OUTPUT_SIZE }, (_, j) => QUANTILES[j % QUANTILES.length] as number));
    const error = tf.sub(yTrue, yPred);
    return tf.mean(tf.maximum(tf.mul(taus, error), tf.mul(tf.sub(taus, 1), error)));
  });
}

/** Enough passes for about 400 optimiser steps (short series), 4 to 40 epochs. */
function epochsFor(rows: number, batchSize: number): number {
  return Math.min(40, Math.max(4, Math.ceil(400 / Math.ceil(rows / batchSize))));
}

/**
 * A small MLP (12 → 16 relu → 50 linear) trained by pinball loss to give the 2.5/10/50/90/97.5 %
 * quantiles of the next 1..10 bars' cumulative log return in units of σ√h. Seeded initialisers
 * and no shuffling: the same data and seed give the same weights.
 */
export class QuantileMlp {
  private constructor(private readonly model: tfl.LayersModel) {}

  static async train(inputs: Float32Array, targets: Float32Array, rows: number, options: QuantileTrainOptions) {
    const init = (s: number) => tfl.initializers.glorotUniform({ seed: options.seed * 101 + s });
    const model = tfl.sequential();
    model.add(
      tfl.layers.dense({
        inputShape: [INPUT_SIZE],
        units: options.hidden ?? 16,
        activation: 'relu',
        kernelInitializer: init(1),
      }),
    );
    model.add(tfl.layers.dense({ units: OUTPUT_SIZE, activation: 'linear', kernelInitializer: init(2) }));
    model.compile({ optimizer: tf.train.adam(0.003), loss: pinballLoss });
    const x = tf.tensor2d(inputs, [rows, INPUT_SIZE]);
    const y = tf.tensor2d(targets, [rows, OUTPUT_SIZE]);
    try {
      await model.fit(x, y, {
        epochs: options.epochs ?? epochsFor(rows, options.batchSize ?? 256),
        batchSize: options.batchSize ?? 256,
        shuffle: false,
        verbose: 0,
      });
    } catch (error) {
      model.optimizer?.dispose();
      model.dispose();
      throw error;
    } finally {
      x.dispose();
      y.dispose();
    }
    // Adam's moment slots are only needed while training.
    model.optimizer.dispose();
    return new QuantileMlp(model);
  }

  /** A network stored by `save`; the load fails (and the caller trains) on another shape or non-finite weights. */
  static async load(handler: tf.io.IOHandler): Promise<QuantileMlp> {
    const model = await tfl.loadLayersModel(handler);
    const [input] = model.inputs;
    const [output] = model.outputs;
    if (input?.shape[1] !== INPUT_SIZE || output?.shape[1] !== OUTPUT_SIZE) {
      model.dispose();
      throw new Error(`stored network has shape ${input?.shape} → ${output?.shape}`);
    }
    // A damaged store could hold NaN or Infinity: such a network would only forecast NaN.
    if (!model.getWeights().every((w) => (w.dataSync() as Float32Array).every(Number.isFinite))) {
      model.dispose();
      throw new Error('stored network has non-finite weights');
    }
    return new QuantileMlp(model);
  }

  async save(handler: tf.io.IOHandler): Promise<void> {
    await this.model.save(handler, { includeOptimizer: false });
  }

  /** The 50 outputs for one input row. */
  predict(input: Float32Array): Float32Array {
    return tf.tidy(() => {
      const y = this.model.predict(tf.tensor2d(input, [1, INPUT_SIZE])) as tf.Tensor;
      return y.dataSync() as Float32Array;
    });
  }

  dispose(): void {
    this.model.dispose();
  }
}
