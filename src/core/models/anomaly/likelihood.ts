import { erfc } from '../../stats/normal-cdf';
import { RingBuffer } from './ring-buffer';

export interface LikelihoodOptions {
  /** Raw scores ignored at the start while the parts themselves are still learning. */
  readonly learningPeriod: number;
  /** Raw scores (after the learning period) needed before the first estimate. */
  readonly estimationSamples: number;
  /** How many raw scores the running Gaussian is fitted over. */
  readonly historicWindow: number;
  /** Length of the moving average the likelihood is taken on. */
  readonly averagingWindow: number;
  /** Refit the Gaussian every this many scores. */
  readonly reestimationPeriod: number;
}

export const DEFAULT_LIKELIHOOD: LikelihoodOptions = {
  learningPeriod: 100,
  estimationSamples: 100,
  historicWindow: 8640,
  averagingWindow: 10,
  reestimationPeriod: 10,
};

/** Tail probability below which a likelihood is "red" (as Numenta's anomaly_likelihood.py). */
const RED_TAIL = 1e-5;
/** What a red that follows a red is lowered to: repeats of one event are not new events. */
const YELLOW_TAIL = 1e-3;

/**
 * Anomaly likelihood post-processor, after Numenta's HTM detector (nupic anomaly_likelihood.py):
 * a running Gaussian fitted to the moving average of recent raw scores turns the current moving
 * average into a tail probability; the likelihood is its complement, mapped to a log scale so that
 * 0.5 means ordinary and 1 means a 1e-10 tail. A red that follows a red drops to yellow.
 */
export class AnomalyLikelihood {
  private readonly raw: RingBuffer;
  private readonly recent: RingBuffer;
  private seen = 0;
  private sinceFit = Infinity;
  private mean = 0;
  private std = 1;
  private fitted = false;
  private lastTail = 1;

  constructor(readonly options: LikelihoodOptions = DEFAULT_LIKELIHOOD) {
    this.raw = new RingBuffer(options.historicWindow);
    this.recent = new RingBuffer(options.averagingWindow);
  }

  /** Log-scaled likelihood of `rawScore` in [0, 1] given the history, without learning it. */
  read(rawScore: number): number {
    if (!this.fitted) return 0;
    return logLikelihood(1 - this.filteredTail(rawScore));
  }

  learn(rawScore: number): void {
    // The red/yellow filter compares with the previous unfiltered tail, as nupic does.
    this.lastTail = this.fitted ? this.tailOf(rawScore) : 1;
    this.seen++;
    this.recent.push(rawScore);
    if (this.seen > this.options.learningPeriod) this.raw.push(this.average(0, false));
    this.sinceFit++;
    const ready = this.raw.length >= this.options.estimationSamples;
    if (ready && this.sinceFit >= this.options.reestimationPeriod) this.fit();
  }

  private filteredTail(rawScore: number): number {
    const tail = this.tailOf(rawScore);
    return tail <= RED_TAIL && this.lastTail <= RED_TAIL ? YELLOW_TAIL : tail;
  }

  private tailOf(rawScore: number): number {
    const x = this.average(rawScore, true);
    // Two-sided as in nupic: a value below the mean is reflected above it.
    const z = Math.abs(x - this.mean) / this.std;
    return 0.5 * erfc(z / Math.SQRT2);
  }

  /** Moving average of the recent raw scores, with `next` appended when `withNext`. */
  private average(next: number, withNext: boolean): number {
    const n = this.recent.length;
    const w = this.options.averagingWindow;
    let sum = 0;
    let count = 0;
    const from = withNext ? Math.max(0, n - (w - 1)) : 0;
    for (let i = from; i < n; i++) {
      sum += this.recent.get(i);
      count++;
    }
    if (withNext) {
      sum += next;
      count++;
    }
    return count === 0 ? 0 : sum / count;
  }

  private fit(): void {
    const n = this.raw.length;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += this.raw.get(i);
    let mean = sum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (this.raw.get(i) - mean) ** 2;
    let variance = n > 1 ? ss / n : 0;
    // nupic's lower bounds: a near-silent history must not turn the faintest blip red.
    if (mean < 0.03) mean = 0.03;
    if (variance < 0.0003) variance = 0.0003;
    this.mean = mean;
    this.std = Math.sqrt(variance);
    this.fitted = true;
    this.sinceFit = 0;
  }

  snapshot(): unknown {
    return {
      raw: this.raw.toArray(),
      recent: this.recent.toArray(),
      seen: this.seen,
      sinceFit: Number.isFinite(this.sinceFit) ? this.sinceFit : null,
      mean: this.mean,
      std: this.std,
      fitted: this.fitted,
      lastTail: this.lastTail,
    };
  }

  restore(state: unknown): void {
    const s = state as {
      raw: number[];
      recent: number[];
      seen: number;
      sinceFit: number | null;
      mean: number;
      std: number;
      fitted: boolean;
      lastTail: number;
    };
    for (const v of s.raw) this.raw.push(v);
    for (const v of s.recent) this.recent.push(v);
    this.seen = s.seen;
    this.sinceFit = s.sinceFit ?? Infinity;
    this.mean = s.mean;
    this.std = s.std;
    this.fitted = s.fitted;
    this.lastTail = s.lastTail;
  }
}

/** nupic's computeLogLikelihood: 0.5 → ~0.03, 0.9999999999 → 1. */
export function logLikelihood(likelihood: number): number {
  return Math.log(1.0000000001 - likelihood) / -23.02585084720009;
}
