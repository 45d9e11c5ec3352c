import type { ForecastStep } from '../forecast/forecaster';
import { RollingScore } from './rolling-score';

/** When a live model is fitted again on the newest stored bars. */
export interface RefitPolicy {
  /** On a schedule: after this many closed bars since its last fit. */
  readonly everyBars: number;
  /** Out-of-sample bars since the fit before its error or coverage is judged (also the window). */
  readonly judgedBars: number;
  /** The 80 % interval's coverage since the fit outside [low, high] is degraded. */
  readonly coverage80: readonly [number, number];
}

/**
 * A day of 1m bars; 200 bars judged. Under 80 % nominal coverage a binomial 200-bar window has a
 * standard deviation of 2.8 points, so 70 % and 90 % are 3.5 of them away: a calibrated model
 * crosses them by chance about once in 2,000 windows.
 */
export const DEFAULT_REFIT: RefitPolicy = { everyBars: 1_440, judgedBars: 200, coverage80: [0.7, 0.9] };

/**
 * One live model's record since its last fit: bars seen, and its one-bar-ahead score on them
 * beside persistence's. Says when and why it is due to be fitted again.
 */
export class SinceFit {
  private bars = 0;
  private readonly score: RollingScore;

  constructor(
    baseline: boolean,
    scale: number,
    private readonly policy: RefitPolicy = DEFAULT_REFIT,
  ) {
    this.score = new RollingScore(baseline, scale, policy.judgedBars);
  }

  /** A closed bar the model forecast one bar ahead (`step`; null when it made none). */
  add(step: ForecastStep | null, close: number, baselineClose: number): void {
    this.bars++;
    if (step !== null) this.score.add(step, close, baselineClose);
  }

  /** Why the model should be fitted again now, or null. */
  due(): string | null {
    const p = this.policy;
    if (this.bars >= p.everyBars) return `scheduled: ${this.bars} bars since the last fit`;
    const s = this.score.score();
    if (s.bars < p.judgedBars) return null;
    const pct = (x: number) => `${Math.round(x * 100)} %`;
    if (s.coverage80 !== null && (s.coverage80 < p.coverage80[0] || s.coverage80 > p.coverage80[1]))
      return `80 % interval covered ${pct(s.coverage80)} of the ${s.bars} bars since the fit`;
    if (s.verdict === 'worse') return `error above persistence's over the ${s.bars} bars since the fit`;
    return null;
  }
}
