/**
 * A Gaussian hidden Markov model with diagonal covariances: K states, D features per bar.
 * Plain arrays so a fitted model is JSON (stored, sent to the worker, printed by the CLI).
 */
export interface GaussianHmm {
  readonly states: number;
  readonly dims: number;
  /** P(state at the first bar). */
  readonly initial: readonly number[];
  /** transition[i][j] = P(state j at t+1 | state i at t); rows sum to 1. */
  readonly transition: readonly (readonly number[])[];
  readonly means: readonly (readonly number[])[];
  readonly variances: readonly (readonly number[])[];
}

const LOG_2PI = Math.log(2 * Math.PI);

/** log N(x; mean, diag(variance)) of every state, into `out`. */
export function logEmissions(model: GaussianHmm, x: ArrayLike<number>, out: Float64Array): void {
  for (let k = 0; k < model.states; k++) {
    const mean = model.means[k] as readonly number[];
    const variance = model.variances[k] as readonly number[];
    let sum = 0;
    for (let d = 0; d < model.dims; d++) {
      const v = variance[d] as number;
      const diff = (x[d] as number) - (mean[d] as number);
      sum -= 0.5 * (LOG_2PI + Math.log(v) + (diff * diff) / v);
    }
    out[k] = sum;
  }
}

/**
 * Relabels states so that state 0 is the calmest: ascending by the mean of feature `by`
 * (the realised-volatility feature). EM's labels are arbitrary; users and the chart need stable ones.
 */
export function orderStates(model: GaussianHmm, by: number): GaussianHmm {
  const order = [...Array(model.states).keys()].sort(
    (a, b) => ((model.means[a] as number[])[by] as number) - ((model.means[b] as number[])[by] as number),
  );
  return {
    states: model.states,
    dims: model.dims,
    initial: order.map((i) => model.initial[i] as number),
    transition: order.map((i) => order.map((j) => (model.transition[i] as number[])[j] as number)),
    means: order.map((i) => [...(model.means[i] as number[])]),
    variances: order.map((i) => [...(model.variances[i] as number[])]),
  };
}
