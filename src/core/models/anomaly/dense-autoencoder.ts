import type * as TfCore from '@tensorflow/tfjs-core';
import { mulberry32 } from '../../demo/rng';

/** The TF.js namespace the caller loaded (tfjs-core or the full bundle), with its backend already chosen. */
export type Tf = typeof TfCore;

export type Activation = 'tanh' | 'relu' | 'linear';

export interface DenseAutoencoderSpec {
  /** Layer widths from input to output, e.g. [16, 12, 3, 12, 16]; the first and last are equal. */
  readonly sizes: readonly number[];
  /** One activation per weight layer (sizes.length − 1 of them). */
  readonly activations: readonly Activation[];
  readonly learningRate: number;
  /** Seeds the Glorot-uniform initial weights. */
  readonly seed: number;
}

interface Layer {
  readonly w: TfCore.Variable;
  readonly b: TfCore.Variable;
}

/**
 * The one autoencoder network of the project: dense layers on tfjs-core ops only (the caller picks
 * the backend), Glorot-uniform weights drawn from a seeded generator, Adam on the mean squared
 * reconstruction error. The online learned part of the ensemble (`autoencoder.ts`) and the app's
 * market autoencoder (`../market-autoencoder`) are both this network with their own sizes,
 * activations and training schedule. Every op runs inside `tf.tidy`; `dispose` frees the weights
 * and the optimiser.
 */
export class DenseAutoencoder {
  private layers: Layer[];
  private optimizer: TfCore.Optimizer | null = null;
  readonly inputSize: number;

  constructor(
    private readonly tf: Tf,
    readonly spec: DenseAutoencoderSpec,
  ) {
    const { sizes, activations } = spec;
    if (sizes.length < 2 || sizes[0] !== sizes[sizes.length - 1] || activations.length !== sizes.length - 1)
      throw new RangeError(`an autoencoder needs equal first and last sizes and one activation per layer`);
    this.inputSize = sizes[0] as number;
    const random = mulberry32(spec.seed);
    this.layers = sizes.slice(1).map((out, i) => {
      const inn = sizes[i] as number;
      const limit = Math.sqrt(6 / (inn + out));
      const w = Float32Array.from({ length: inn * out }, () => (2 * random() - 1) * limit);
      // tf.variable keeps its own copy: the initial tensors are tidied away, or they would leak.
      return tf.tidy(() => ({ w: tf.variable(tf.tensor2d(w, [inn, out])), b: tf.variable(tf.zeros([out])) }));
    });
  }

  /** The reconstruction of `x` (rows of inputs). Call inside `tf.tidy`. */
  forward(x: TfCore.Tensor2D): TfCore.Tensor2D {
    const tf = this.tf;
    let h: TfCore.Tensor2D = x;
    this.layers.forEach((layer, i) => {
      const z = tf.add(tf.matMul(h, layer.w), layer.b) as TfCore.Tensor2D;
      const act = this.spec.activations[i];
      h = act === 'tanh' ? tf.tanh(z) : act === 'relu' ? tf.relu(z) : z;
    });
    return h;
  }

  /** Mean squared reconstruction error of one input. */
  meanSquaredError(input: Float32Array): number {
    const tf = this.tf;
    const value = tf.tidy(() => {
      const x = tf.tensor2d(input, [1, this.inputSize]);
      return tf.mean(tf.squaredDifference(this.forward(x), x));
    });
    const mse = (value.dataSync() as Float32Array)[0] as number;
    value.dispose();
    return mse;
  }

  /** Per-row mean squared errors of `rows` (count × inputSize), in slices so no huge intermediate stays alive. */
  rowErrors(rows: Float32Array, count: number): Float32Array {
    const tf = this.tf;
    const out = new Float32Array(count);
    const step = 4096;
    for (let from = 0; from < count; from += step) {
      const size = Math.min(step, count - from);
      const part = tf.tidy(() => {
        const x = tf.tensor2d(rows.subarray(from * this.inputSize, (from + size) * this.inputSize), [
          size,
          this.inputSize,
        ]);
        return tf.mean(tf.squaredDifference(this.forward(x), x), 1);
      });
      out.set(part.dataSync() as Float32Array, from);
      part.dispose();
    }
    return out;
  }

  /** One Adam step on a minibatch (`batch` rows); returns nothing, so no value is read back. */
  step(rows: Float32Array, batch: number): void {
    const tf = this.tf;
    this.optimizer ??= tf.train.adam(this.spec.learningRate);
    const optimizer = this.optimizer;
    const vars = this.layers.flatMap((l) => [l.w, l.b]);
    tf.tidy(() => {
      const x = tf.tensor2d(rows, [batch, this.inputSize]);
      optimizer.minimize(() => tf.mean(tf.squaredDifference(this.forward(x), x)) as TfCore.Scalar, false, vars);
    });
  }

  /** One Adam step that also returns the minibatch loss (one read-back). */
  stepWithLoss(rows: Float32Array, batch: number): number {
    const tf = this.tf;
    this.optimizer ??= tf.train.adam(this.spec.learningRate);
    const optimizer = this.optimizer;
    const vars = this.layers.flatMap((l) => [l.w, l.b]);
    const x = tf.tensor2d(rows, [batch, this.inputSize]);
    const loss = optimizer.minimize(
      () => tf.mean(tf.squaredDifference(this.forward(x), x)) as TfCore.Scalar,
      true,
      vars,
    );
    x.dispose();
    if (loss === null) return NaN;
    const value = (loss.dataSync() as Float32Array)[0] as number;
    loss.dispose();
    return value;
  }

  /** The optimiser's moments are only needed while training: frees them (the next step starts afresh). */
  endTraining(): void {
    this.optimizer?.dispose();
    this.optimizer = null;
  }

  /** Weights as plain arrays, layer by layer (the online part's JSON snapshot). */
  weights(): { w: number[]; b: number[] }[] {
    return this.layers.map((l) => ({ w: Array.from(l.w.dataSync()), b: Array.from(l.b.dataSync()) }));
  }

  setWeights(saved: readonly { readonly w: ArrayLike<number>; readonly b: ArrayLike<number> }[]): void {
    this.layers.forEach((l, i) => {
      const s = saved[i] as { w: ArrayLike<number>; b: ArrayLike<number> };
      this.tf.tidy(() => {
        l.w.assign(this.tf.tensor(Float32Array.from(s.w), l.w.shape));
        l.b.assign(this.tf.tensor(Float32Array.from(s.b), l.b.shape));
      });
    });
  }

  /** Weights as TF.js model artifacts (weight specs + one buffer), for any `tf.io.IOHandler`. */
  async artifacts(topology: unknown): Promise<TfCore.io.ModelArtifacts> {
    const named = this.layers.flatMap((l, i) => [
      { name: `dense_${i}/kernel`, tensor: l.w as TfCore.Tensor },
      { name: `dense_${i}/bias`, tensor: l.b as TfCore.Tensor },
    ]);
    const { data, specs } = await this.tf.io.encodeWeights(named);
    return {
      modelTopology: topology as object,
      weightSpecs: specs,
      weightData: data,
      format: 'tapewatch-dense-autoencoder',
    };
  }

  /** Loads weights saved by `artifacts` (same sizes); throws when a layer is missing or misshapen. */
  loadArtifacts(artifacts: TfCore.io.ModelArtifacts): void {
    if (artifacts.weightSpecs === undefined || artifacts.weightData === undefined)
      throw new Error('stored autoencoder has no weights');
    const tensors = this.tf.io.decodeWeights(artifacts.weightData, artifacts.weightSpecs);
    try {
      this.layers.forEach((l, i) => {
        for (const [v, key] of [
          [l.w, `dense_${i}/kernel`],
          [l.b, `dense_${i}/bias`],
        ] as const) {
          const t = tensors[key];
          if (t === undefined || t.size !== v.size)
            throw new Error(`stored autoencoder lacks ${key} of ${v.shape.join('×')}`);
          this.tf.tidy(() => v.assign(this.tf.reshape(t, v.shape)));
        }
      });
    } finally {
      for (const t of Object.values(tensors)) t.dispose();
    }
  }

  dispose(): void {
    for (const l of this.layers) {
      l.w.dispose();
      l.b.dispose();
    }
    this.layers = [];
    this.endTraining();
  }
}
