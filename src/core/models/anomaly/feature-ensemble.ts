import { AnomalyLikelihood, DEFAULT_LIKELIHOOD, type LikelihoodOptions } from './likelihood';
import type { DetectorPart } from './part';
import type { AnomalyPartScore } from './types';

/**
 * How the parts' calibrated scores become one: `max` (the largest wins), `noisy-or`
 * (1 − Π(1 − s): independent evidence adds up), `range-gated` (a range hit counts only when some
 * other part's score has reached `gate`; otherwise the largest of the others), `mean` (the mean of
 * the likelihood-calibrated parts, or a calibrated part's hit when larger).
 */
export interface Combination {
  readonly rule: 'max' | 'noisy-or' | 'range-gated' | 'mean';
  readonly gate: number;
  /**
   * When set (measurement only, test/nab), each likelihood-calibrated part also has a second
   * likelihood over this shorter averaging window and scores the larger of the two (HTM's
   * likelihood with a short and a long window). Not kept in snapshots.
   */
  readonly shortAveraging?: number;
}

export const MAX_COMBINATION: Combination = { rule: 'max', gate: 0 };

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
  private readonly calibrated: boolean[];
  private readonly short: (AnomalyLikelihood | null)[];

  constructor(
    readonly feature: string,
    readonly parts: readonly DetectorPart[],
    likelihood: LikelihoodOptions = DEFAULT_LIKELIHOOD,
    readonly combination: Combination = MAX_COMBINATION,
  ) {
    this.calibrated = parts.map((p) => p.calibrated === true);
    this.likelihoods = parts.map((p) => (p.calibrated ? null : new AnomalyLikelihood(likelihood)));
    const short = combination.shortAveraging;
    this.short = parts.map((p) =>
      p.calibrated || short === undefined ? null : new AnomalyLikelihood({ ...likelihood, averagingWindow: short }),
    );
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
      this.short[i]?.learn(surprises[i] as number);
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
      const short = this.short[i];
      const long = lik ? lik.read(reading.surprise) : reading.surprise;
      const score = short ? Math.max(long, short.read(reading.surprise)) : long;
      scores.push({ name: part.name, score });
      if (score > best) {
        best = score;
        driver = part.name;
        detail = reading.detail;
      }
    });
    const score = combine(this.combination, scores, Math.max(0, best), this.calibrated);
    return { reading: { score, parts: scores, driver, detail }, surprises };
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

function combine(
  c: Combination,
  scores: readonly AnomalyPartScore[],
  best: number,
  calibrated: readonly boolean[],
): number {
  if (c.rule === 'max') return best;
  if (c.rule === 'mean') {
    let sum = 0;
    let n = 0;
    let hit = 0;
    scores.forEach((s, i) => {
      if (calibrated[i]) hit = Math.max(hit, s.score);
      else {
        sum += s.score;
        n++;
      }
    });
    return Math.max(hit, n > 0 ? sum / n : 0);
  }
  if (c.rule === 'noisy-or') {
    let quiet = 1;
    for (const s of scores) quiet *= 1 - Math.min(1, Math.max(0, s.score));
    return 1 - quiet;
  }
  let others = 0;
  let range = 0;
  for (const s of scores) {
    if (s.name === 'range') range = s.score;
    else others = Math.max(others, s.score);
  }
  return range > 0 && others >= c.gate ? Math.max(range, others) : others;
}
