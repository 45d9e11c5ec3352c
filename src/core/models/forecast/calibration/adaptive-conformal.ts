import { normalQuantile } from '../normal';
import { SortedWindow } from './sorted-window';

export interface AdaptiveConformalOptions {
  /** Miscoverage target α (0.2 for an 80 % interval). */
  readonly alpha: number;
  /** Step size γ of the α update; Gibbs & Candès use 0.005. */
  readonly gamma?: number;
  /** How many recent scores the quantile is taken over. */
  readonly window?: number;
  /** Below this many scores the Gaussian quantile is used. */
  readonly warmUp?: number;
}

/**
 * Adaptive conformal inference (Gibbs & Candès 2021) on nonnegative scores s = |error| / scale:
 * the interval multiplier is the (1 − αₜ) empirical quantile of the recent scores, and after each
 * outcome αₜ₊₁ = αₜ + γ (α − errₜ), errₜ = 1 when the score fell outside the multiplier used. A
 * run of misses (a volatility jump the scale has not caught up with) lowers αₜ and widens the
 * interval until the long-run miss rate is α again, whatever the score distribution does.
 */
export class AdaptiveConformal {
  private readonly alpha: number;
  private readonly gamma: number;
  private readonly warmUp: number;
  private readonly scores: SortedWindow;
  private alphaT: number;

  constructor(options: AdaptiveConformalOptions) {
    this.alpha = options.alpha;
    this.gamma = options.gamma ?? 0.005;
    this.warmUp = options.warmUp ?? 50;
    this.scores = new SortedWindow(options.window ?? 2000);
    this.alphaT = options.alpha;
  }

  /** The current multiplier of the scale: the half-width of the interval in scale units. */
  multiplier(): number {
    if (this.alphaT >= 1) return 0;
    if (this.scores.size < this.warmUp) {
      return this.alphaT <= 0 ? 2 * normalQuantile(1 - this.alpha / 2) : normalQuantile(1 - this.alphaT / 2);
    }
    // αₜ ≤ 0 asks for more than every score seen: beyond the largest one.
    if (this.alphaT <= 0) return 1.5 * this.scores.max();
    const n = this.scores.size;
    return this.scores.at(Math.ceil((1 - this.alphaT) * (n + 1)) - 1);
  }

  /** Records the outcome of an interval that was built with `usedMultiplier`. */
  update(score: number, usedMultiplier: number): void {
    const miss = score > usedMultiplier ? 1 : 0;
    this.alphaT += this.gamma * (this.alpha - miss);
    // Bounded so one long regime cannot wind αₜ so far that recovery takes thousands of bars.
    this.alphaT = Math.min(Math.max(this.alphaT, -0.5), 1);
    this.scores.push(score);
  }

  get currentAlpha(): number {
    return this.alphaT;
  }
}
