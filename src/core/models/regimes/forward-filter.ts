import { logEmissions, type GaussianHmm } from './gaussian-hmm';

/**
 * The forward algorithm run online: after each observation, P(state | observations so far)
 * (causal, filtered), scaled every step so it never under- or overflows. O(K²) per bar.
 */
export class ForwardFilter {
  private readonly logB: Float64Array;
  private readonly predicted: Float64Array;
  private alpha: Float64Array | null = null;
  /** Sum of the log scale factors: the log-likelihood of everything observed. */
  logLikelihood = 0;

  constructor(readonly model: GaussianHmm) {
    this.logB = new Float64Array(model.states);
    this.predicted = new Float64Array(model.states);
  }

  /** Filtered probabilities after `x` (a fresh array). */
  step(x: ArrayLike<number>): number[] {
    const { states, transition } = this.model;
    if (this.alpha === null) {
      this.alpha = new Float64Array(states);
      for (let k = 0; k < states; k++) this.predicted[k] = this.model.initial[k] as number;
    } else {
      for (let j = 0; j < states; j++) {
        let s = 0;
        for (let i = 0; i < states; i++) s += (this.alpha[i] as number) * ((transition[i] as number[])[j] as number);
        this.predicted[j] = s;
      }
    }
    logEmissions(this.model, x, this.logB);
    let max = -Infinity;
    for (let k = 0; k < states; k++) max = Math.max(max, this.logB[k] as number);
    let total = 0;
    for (let k = 0; k < states; k++) {
      const a = (this.predicted[k] as number) * Math.exp((this.logB[k] as number) - max);
      this.alpha[k] = a;
      total += a;
    }
    if (!(total > 0) || !Number.isFinite(total)) {
      // An observation impossible under every state (numerically): restart from the prediction.
      for (let k = 0; k < states; k++) this.alpha[k] = this.predicted[k] as number;
      total = 1;
    } else {
      this.logLikelihood += Math.log(total) + max;
    }
    const out: number[] = [];
    for (let k = 0; k < states; k++) {
      const p = (this.alpha[k] as number) / total;
      this.alpha[k] = p;
      out.push(p);
    }
    return out;
  }
}

/** The most probable state of a probability vector (ties: the lower, calmer state). */
export function mostProbable(probabilities: readonly number[]): number {
  let best = 0;
  for (let k = 1; k < probabilities.length; k++)
    if ((probabilities[k] as number) > (probabilities[best] as number)) best = k;
  return best;
}
