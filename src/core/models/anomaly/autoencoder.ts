import { mulberry32 } from '../../demo/rng';
import { DenseAutoencoder, type Tf } from './dense-autoencoder';
import type { LearnedPart, LearnedPartFactory } from './learned-part';

export type { Tf } from './dense-autoencoder';

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

/**
 * The ensemble's learned part: the project's one dense autoencoder network (`dense-autoencoder.ts`;
 * d → hidden → bottleneck → hidden → d, tanh inside, linear out) trained online. It trains on the series' own recent history
 * (a ring of inputs) every `trainEvery` inputs with a few Adam minibatch steps, so it follows the
 * series as it changes; its reconstruction error says how far an input is from what it has learnt
 * to compress. Weights start from a seeded Glorot-uniform draw and minibatches are drawn from a
 * seeded generator, so a seed gives the same scores on the same backend. The optimiser's moments
 * carry over between rounds; `dispose` frees the weights and the optimiser.
 */
export function createAutoencoderPart(tf: Tf, options: Partial<AutoencoderOptions> = {}): LearnedPartFactory {
  const o = { ...DEFAULT_AUTOENCODER, ...options };
  return ({ inputSize, seed }) => new Autoencoder(tf, o, inputSize, seed);
}

class Autoencoder implements LearnedPart {
  readonly name = 'autoencoder';
  private readonly net: DenseAutoencoder;
  private readonly history: Float32Array;
  private readonly row: Float32Array;
  private stored = 0;
  private next = 0;
  private sinceTrain = 0;
  private rounds = 0;
  private trained = false;

  constructor(
    tf: Tf,
    private readonly o: AutoencoderOptions,
    readonly inputSize: number,
    private readonly seed: number,
  ) {
    this.net = new DenseAutoencoder(tf, {
      sizes: [inputSize, o.hidden, o.bottleneck, o.hidden, inputSize],
      activations: ['tanh', 'tanh', 'tanh', 'linear'],
      learningRate: o.learningRate,
      seed,
    });
    this.history = new Float32Array(o.history * inputSize);
    this.row = new Float32Array(inputSize);
  }

  /** Whether a first training round has run (before it, `error` is NaN). */
  get isTrained(): boolean {
    return this.trained;
  }

  /** Root mean squared reconstruction error of `input`. */
  error(input: Float64Array): number {
    if (!this.trained) return NaN;
    this.row.set(input);
    return Math.sqrt(Math.max(0, this.net.meanSquaredError(this.row)));
  }

  learn(input: Float64Array): void {
    this.history.set(input, this.next * this.inputSize);
    this.next = (this.next + 1) % this.o.history;
    this.stored = Math.min(this.stored + 1, this.o.history);
    this.sinceTrain++;
    if (this.stored >= this.o.minHistory && (!this.trained || this.sinceTrain >= this.o.trainEvery)) this.train();
  }

  private train(): void {
    const random = mulberry32((this.seed ^ 0x9e3779b9) + this.rounds);
    const batch = Math.min(this.o.batchSize, this.stored);
    const rows = new Float32Array(batch * this.inputSize);
    for (let step = 0; step < this.o.steps; step++) {
      for (let r = 0; r < batch; r++) {
        const pick = Math.floor(random() * this.stored);
        rows.set(this.history.subarray(pick * this.inputSize, (pick + 1) * this.inputSize), r * this.inputSize);
      }
      this.net.step(rows, batch);
    }
    this.rounds++;
    this.sinceTrain = 0;
    this.trained = true;
  }

  snapshot(): unknown {
    return {
      layers: this.net.weights(),
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
    this.net.setWeights(s.layers);
    this.net.endTraining();
    this.history.set(Float32Array.from(s.history));
    this.stored = s.stored;
    this.next = s.next;
    this.sinceTrain = s.sinceTrain;
    this.rounds = s.rounds;
    this.trained = s.trained;
  }

  dispose(): void {
    this.net.dispose();
  }
}
