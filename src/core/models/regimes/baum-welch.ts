import { mulberry32 } from '../../demo/rng';
import { logEmissions, orderStates, type GaussianHmm } from './gaussian-hmm';

export interface HmmFitOptions {
  readonly states: number;
  /** Seeds the starting points; the same seed and data give the same fit. */
  readonly seed?: number;
  /** Independent EM runs from different starts; the best log-likelihood is kept. */
  readonly starts?: number;
  readonly maxIterations?: number;
  /** Stop when the log-likelihood improves by less than this (absolute). */
  readonly tolerance?: number;
  /** Feature whose state means order the labels (state 0 lowest). */
  readonly orderBy?: number;
}

export interface HmmFit {
  readonly model: GaussianHmm;
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Final log-likelihood of every start, in start order. */
  readonly startLogLikelihoods: readonly number[];
}

/** Observations as one row per bar, D columns. */
export type Observations = readonly (readonly number[])[];

function columnStats(x: Observations, dims: number) {
  const mean = new Array<number>(dims).fill(0);
  const variance = new Array<number>(dims).fill(0);
  for (const row of x) for (let d = 0; d < dims; d++) mean[d] = (mean[d] as number) + (row[d] as number) / x.length;
  for (const row of x)
    for (let d = 0; d < dims; d++)
      variance[d] = (variance[d] as number) + ((row[d] as number) - (mean[d] as number)) ** 2 / x.length;
  return { mean, variance };
}

/** A start: means at K distinct random bars, the overall variance, sticky transitions. */
function initialModel(x: Observations, states: number, dims: number, random: () => number): GaussianHmm {
  const { variance } = columnStats(x, dims);
  const picked = new Set<number>();
  while (picked.size < states) picked.add(Math.floor(random() * x.length));
  const stay = 0.9;
  return {
    states,
    dims,
    initial: new Array<number>(states).fill(1 / states),
    transition: [...Array(states).keys()].map((i) =>
      [...Array(states).keys()].map((j) => (i === j ? stay : (1 - stay) / (states - 1))),
    ),
    means: [...picked].map((t) => [...(x[t] as number[])]),
    variances: [...Array(states).keys()].map(() => variance.map((v) => v * (0.5 + random()))),
  };
}

interface EmRun {
  readonly model: GaussianHmm;
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * One EM run (scaled forward–backward, Baum–Welch updates) from `start`, pausing (yield) after
 * every iteration so a caller can let other work run between them.
 */
function* runEm(
  x: Observations,
  start: GaussianHmm,
  maxIterations: number,
  tolerance: number,
  floor: readonly number[],
): Generator<void, EmRun> {
  const T = x.length;
  const K = start.states;
  const D = start.dims;
  const alpha = new Float64Array(T * K);
  const beta = new Float64Array(T * K);
  const b = new Float64Array(T * K);
  const scale = new Float64Array(T);
  const logMax = new Float64Array(T);
  const row = new Float64Array(K);
  let model = start;
  let logLikelihood = -Infinity;
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations; iterations++) {
    const A = model.transition;
    // Emissions, scaled per bar by their maximum (the factor returns in the likelihood).
    for (let t = 0; t < T; t++) {
      logEmissions(model, x[t] as number[], row);
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, row[k] as number);
      logMax[t] = max;
      for (let k = 0; k < K; k++) b[t * K + k] = Math.exp((row[k] as number) - max);
    }
    // Forward.
    let ll = 0;
    for (let t = 0; t < T; t++) {
      let total = 0;
      for (let j = 0; j < K; j++) {
        let p = 0;
        if (t === 0) p = model.initial[j] as number;
        else for (let i = 0; i < K; i++) p += (alpha[(t - 1) * K + i] as number) * ((A[i] as number[])[j] as number);
        const a = p * (b[t * K + j] as number);
        alpha[t * K + j] = a;
        total += a;
      }
      scale[t] = total;
      for (let j = 0; j < K; j++) alpha[t * K + j] = (alpha[t * K + j] as number) / total;
      ll += Math.log(total) + (logMax[t] as number);
    }
    // Backward, with the forward scale factors.
    for (let k = 0; k < K; k++) beta[(T - 1) * K + k] = 1;
    for (let t = T - 2; t >= 0; t--) {
      for (let i = 0; i < K; i++) {
        let s = 0;
        for (let j = 0; j < K; j++)
          s += ((A[i] as number[])[j] as number) * (b[(t + 1) * K + j] as number) * (beta[(t + 1) * K + j] as number);
        beta[t * K + i] = s / (scale[t + 1] as number);
      }
    }
    // M step: posteriors gamma = alpha·beta, pair posteriors xi summed over t.
    const xi = [...Array(K)].map(() => new Array<number>(K).fill(0));
    const gammaSum = new Array<number>(K).fill(0);
    const means = [...Array(K)].map(() => new Array<number>(D).fill(0));
    const squares = [...Array(K)].map(() => new Array<number>(D).fill(0));
    const initial = new Array<number>(K).fill(0);
    for (let t = 0; t < T; t++) {
      const obs = x[t] as number[];
      for (let k = 0; k < K; k++) {
        const g = (alpha[t * K + k] as number) * (beta[t * K + k] as number);
        if (t === 0) initial[k] = g;
        gammaSum[k] = (gammaSum[k] as number) + g;
        const m = means[k] as number[];
        const s = squares[k] as number[];
        for (let d = 0; d < D; d++) {
          m[d] = (m[d] as number) + g * (obs[d] as number);
          s[d] = (s[d] as number) + g * (obs[d] as number) ** 2;
        }
      }
      if (t + 1 < T) {
        const c = scale[t + 1] as number;
        for (let i = 0; i < K; i++) {
          const xr = xi[i] as number[];
          for (let j = 0; j < K; j++) {
            xr[j] =
              (xr[j] as number) +
              ((alpha[t * K + i] as number) *
                ((A[i] as number[])[j] as number) *
                (b[(t + 1) * K + j] as number) *
                (beta[(t + 1) * K + j] as number)) /
                c;
          }
        }
      }
    }
    const next: GaussianHmm = {
      states: K,
      dims: D,
      initial: normalise(initial),
      transition: xi.map((r) => normalise(r)),
      means: means.map((m, k) => m.map((v) => v / Math.max(gammaSum[k] as number, 1e-300))),
      variances: squares.map((s, k) =>
        s.map((v, d) => {
          const n = Math.max(gammaSum[k] as number, 1e-300);
          const mu = ((means[k] as number[])[d] as number) / n;
          return Math.max(v / n - mu * mu, floor[d] as number);
        }),
      ),
    };
    const improvement = ll - logLikelihood;
    logLikelihood = ll;
    if (!Number.isFinite(ll)) break;
    if (iterations > 0 && improvement < tolerance) {
      converged = true;
      break;
    }
    model = next;
    yield;
  }
  return { model, logLikelihood, iterations, converged };
}

function normalise(row: readonly number[]): number[] {
  const total = row.reduce((a, b) => a + b, 0);
  return total > 0 ? row.map((v) => v / total) : row.map(() => 1 / row.length);
}

/**
 * Fits a Gaussian HMM by EM (Baum–Welch) from several seeded starts and keeps the best
 * log-likelihood. Variances are floored at 1e-6 of each feature's overall variance so a state
 * cannot collapse onto a few identical bars. Deterministic for a seed.
 */
export function fitGaussianHmm(x: Observations, options: HmmFitOptions): HmmFit {
  return runToEnd(fitGaussianHmmSteps(x, options));
}

/**
 * `fitGaussianHmm` one EM iteration at a time: each `next()` runs one iteration, the return
 * value is the fit. The same result as the plain call (a worker awaits a macrotask between steps).
 */
export function* fitGaussianHmmSteps(x: Observations, options: HmmFitOptions): Generator<void, HmmFit> {
  const { states } = options;
  if (!Number.isInteger(states) || states < 1) throw new Error(`states must be a positive integer, got ${states}`);
  if (x.length < states * 10)
    throw new Error(`${states} states need at least ${states * 10} observations, got ${x.length}`);
  const dims = (x[0] as number[]).length;
  const { variance } = columnStats(x, dims);
  for (let d = 0; d < dims; d++) {
    const first = (x[0] as number[])[d];
    if (x.every((row) => row[d] === first)) throw new Error(`feature ${d} is constant: nothing to fit`);
  }
  const floor = variance.map((v) => v * 1e-6);
  const random = mulberry32(options.seed ?? 1);
  const starts = options.starts ?? 5;
  let best: EmRun | null = null;
  const startLogLikelihoods: number[] = [];
  for (let s = 0; s < starts; s++) {
    const run = yield* runEm(
      x,
      initialModel(x, states, dims, random),
      options.maxIterations ?? 200,
      options.tolerance ?? 1e-6,
      floor,
    );
    startLogLikelihoods.push(run.logLikelihood);
    if (Number.isFinite(run.logLikelihood) && (best === null || run.logLikelihood > best.logLikelihood)) best = run;
  }
  if (best === null) throw new Error('EM diverged from every start');
  return {
    model: orderStates(best.model, options.orderBy ?? dims - 1),
    logLikelihood: best.logLikelihood,
    iterations: best.iterations,
    converged: best.converged,
    startLogLikelihoods,
  };
}

/** Runs a stepped computation to its end without pausing. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done === true) return r.value;
  }
}
