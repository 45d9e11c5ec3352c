import type * as TfCore from '@tensorflow/tfjs-core';
import { mulberry32 } from '../../demo/rng';
import type { LearnedPart, LearnedPartFactory } from './learned-part';

/** The TF.js namespace the caller loaded (tfjs-core or the full bundle), with its backend already chosen. */
export type Tf = typeof TfCore;

export interface AutoencoderOptions {
  /** Width of the two hidden layers around the bottleneck. */
  readonly hidden: number;
  readonly bottleneck: number;
  /** Most recent inputs kept to train on. */
  readonly history: number;
  /** Inputs needed before the first training. */
  readonly minHistory: number;
  /** Retrain after this many new inputs. */
  readonly trainEvery: number;
  /** Minibatch steps per training round, and their size. */
  readonly steps: number;
  readonly batchSize: number;
  readonly learningRate: number;
}

export const DEFAULT_AUTOENCODER: AutoencoderOptions = {
  hidden: 12,
  bottleneck: 3,
  history: 2048,
  minHistory: 128,
  trainEvery: 512,
  steps: 16,
  batchSize: 32,
  learningRate: 0.01,
};

interface Layer {
  readonly w: TfCore.Variable;
  readonly b: TfCore.Variable;
}

/**
 * A small dense autoencoder (d → hidden → bottleneck → hidden → d, tanh inside, linear out) on
 * tfjs-core ops only, so the caller picks the backend. It trains on the series' own recent history
 * (a ring of inputs) every `trainEvery` inputs with a few Adam minibatch steps, so it follows the
 * series as it changes; its reconstruction error says how far an input is from what it has learnt
 * to compress. Weights start from a seeded Glorot-uniform draw and minibatches are drawn from a
 * seeded generator, so a seed gives the same scores on the same backend. Every op runs inside
 * `tf.tidy`; `dispose` frees the weights and the optimiser.
 */
export function createAutoencoderPart(tf: Tf, options: Partial<AutoencoderOptions> = {}): LearnedPartFactory {
  const o = { ...DEFAULT_AUTOENCODER, ...options };
  return ({ inputSize, seed }) => new Autoencoder(tf, o, inputSize, seed);
}

class Autoencoder implements LearnedPart {
  readonly name = 'autoencoder';
  private layers: Layer[];
  private optimizer: TfCore.Optimizer;
  private readonly history: Float32Array;
  private stored = 0;
  private next = 0;
  private sinceTrain = 0;
  private rounds = 0;
  private trained = false;

  constructor(
    private readonly tf: Tf,
    private readonly o: AutoencoderOptions,
    readonly inputSize: number,
    private readonly seed: number,
  ) {
    const sizes = [inputSize, o.hidden, o.bottleneck, o.hidden, inputSize];
    const random = mulberry32(seed);
    this.layers = sizes.slice(1).map((out, i) => {
      const inn = sizes[i] as number;
      const limit = Math.sqrt(6 / (inn + out));
      const w = Float32Array.from({ length: inn * out }, () => (2 * random() - 1) * limit);
      // tf.variable keeps its own copy: the initial tensors are tidied away, or they would leak.
      return tf.tidy(() => ({ w: tf.variable(tf.tensor2d(w, [inn, out])), b: tf.variable(tf.zeros([out])) }));
    });
    this.optimizer = tf.train.adam(o.learningRate);
    this.history = new Float32Array(o.history * inputSize);
  }

  /** Whether a first training round has run (before it, `error` is NaN). */
  get isTrained(): boolean {
    return this.trained;
  }

  error(input: Float64Array): number {
    if (!this.trained) return NaN;
    const tf = this.tf;
    const value = tf.tidy(() => {
      const x = tf.tensor2d(Float32Array.from(input), [1, this.inputSize]);
      return tf.mean(tf.squaredDifference(this.forward(x), x));
    });
    const mse = (value.dataSync() as Float32Array)[0] as number;
    value.dispose();
    return Math.sqrt(Math.max(0, mse));
  }

  learn(input: Float64Array): void {
    this.history.set(input, this.next * this.inputSize);
    this.next = (this.next + 1) % this.o.history;
    this.stored = Math.min(this.stored + 1, this.o.history);
    this.sinceTrain++;
    if (this.stored >= this.o.minHistory && (!this.trained || this.sinceTrain >= this.o.trainEvery)) this.train();
  }

  private forward(x: TfCore.Tensor2D): TfCore.Tensor2D {
    const tf = this.tf;
    let h: TfCore.Tensor2D = x;
    this.layers.forEach((layer, i) => {
      const z = tf.add(tf.matMul(h, layer.w), layer.b) as TfCore.Tensor2D;
      h = i === this.layers.length - 1 ? z : tf.tanh(z);
    });
    return h;
  }

  private train(): void {
    const tf = this.tf;
    const random = mulberry32((this.seed ^ 0x9e3779b9) + this.rounds);
    const batch = Math.min(this.o.batchSize, this.stored);
    const rows = new Float32Array(batch * this.inputSize);
    const vars = this.layers.flatMap((l) => [l.w, l.b]);
    for (let step = 0; step < this.o.steps; step++) {
      for (let r = 0; r < batch; r++) {
        const pick = Math.floor(random() * this.stored);
        rows.set(this.history.subarray(pick * this.inputSize, (pick + 1) * this.inputSize), r * this.inputSize);
      }
      tf.tidy(() => {
        const x = tf.tensor2d(rows, [batch, this.inputSize]);
        this.optimizer.minimize(() => tf.mean(tf.squaredDifference(this.forward(x), x)) as TfCore.Scalar, false, vars);
      });
    }
    this.rounds++;
    this.sinceTrain = 0;
    this.trained = true;
  }

  snapshot(): unknown {
    return {
      layers: this.layers.map((l) => ({ w: Array.from(l.w.dataSync()), b: Array.from(l.b.dataSync()) })),
      history: Array.from(this.history.subarray(0, this.stored * this.inputSize)),
      stored: this.stored,
      next: this.next,
      sinceTrain: this.sinceTrain,
      rounds: this.rounds,
      trained: this.trained,
    };
  }

  /** Restores weights and training history; the optimiser's moments start afresh. */
  restore(state: unknown): void {
    const s = state as {
      layers: { w: number[]; b: number[] }[];
      history: number[];
      stored: number;
      next: number;
      sinceTrain: number;
      rounds: number;
      trained: boolean;
    };
    this.layers.forEach((l, i) => {
      const saved = s.layers[i] as { w: number[]; b: number[] };
      this.tf.tidy(() => {
        l.w.assign(this.tf.tensor(Float32Array.from(saved.w), l.w.shape));
        l.b.assign(this.tf.tensor(Float32Array.from(saved.b), l.b.shape));
      });
    });
    this.history.set(Float32Array.from(s.history));
    this.stored = s.stored;
    this.next = s.next;
    this.sinceTrain = s.sinceTrain;
    this.rounds = s.rounds;
    this.trained = s.trained;
  }

  dispose(): void {
    for (const l of this.layers) {
      l.w.dispose();
      l.b.dispose();
    }
    this.layers = [];
    this.optimizer.dispose();
  }
}
