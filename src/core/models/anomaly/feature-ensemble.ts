import { AnomalyLikelihood, DEFAULT_LIKELIHOOD, type LikelihoodOptions } from './likelihood';
import type { DetectorPart } from './part';
import type { AnomalyPartScore } from './types';

export interface FeatureReading {
  /** The ensemble's calibrated score for this feature, in [0, 1]. */
  readonly score: number;
  readonly parts: readonly AnomalyPartScore[];
  /** The part that gave the top score and what it saw ("" when nothing stood out). */
  readonly driver: string;
  readonly detail: string;
}

/**
 * The ensemble of parts over one feature (a series' value, or one bar feature such as log return).
 * Each uncalibrated part's raw surprise goes through its own anomaly likelihood, so parts of very
 * different raw scales become comparable tail probabilities; the feature's score is the largest.
 */
export class FeatureEnsemble {
  private readonly likelihoods: (AnomalyLikelihood | null)[];

  constructor(
    readonly feature: string,
    readonly parts: readonly DetectorPart[],
    likelihood: LikelihoodOptions = DEFAULT_LIKELIHOOD,
  ) {
    this.likelihoods = parts.map((p) => (p.calibrated ? null : new AnomalyLikelihood(likelihood)));
  }

  /** Scores `x` without learning it. */
  read(x: number): FeatureReading {
    return this.evaluate(x).reading;
  }

  /** Scores `x`, then learns it (one pass over the parts). */
  update(x: number): FeatureReading {
    const { reading, surprises } = this.evaluate(x);
    this.parts.forEach((part, i) => {
      this.likelihoods[i]?.learn(surprises[i] as number);
      part.learn(x);
    });
    return reading;
  }

  private evaluate(x: number): { reading: FeatureReading; surprises: number[] } {
    const surprises: number[] = [];
    const scores: AnomalyPartScore[] = [];
    let best = -1;
    let driver = '';
    let detail = '';
    this.parts.forEach((part, i) => {
      const reading = part.read(x);
      surprises.push(reading.surprise);
      const lik = this.likelihoods[i];
      const score = lik ? lik.read(reading.surprise) : reading.surprise;
      scores.push({ name: part.name, score });
      if (score > best) {
        best = score;
        driver = part.name;
        detail = reading.detail;
      }
    });
    return { reading: { score: Math.max(0, best), parts: scores, driver, detail }, surprises };
  }

  snapshot(): unknown {
    return {
      parts: this.parts.map((p) => p.snapshot()),
      likelihoods: this.likelihoods.map((l) => (l ? l.snapshot() : null)),
    };
  }

  restore(state: unknown): void {
    const s = state as { parts: unknown[]; likelihoods: unknown[] };
    this.parts.forEach((p, i) => p.restore(s.parts[i]));
    this.likelihoods.forEach((l, i) => l?.restore(s.likelihoods[i]));
  }
}
