import { KalmanHedge, type KalmanHedgeOptions } from './kalman-hedge';
import { RollingReturnCorrelation } from './rolling-correlation';
import { RollingOls } from './rolling-ols';
import { RollingZScore } from './rolling-zscore';

export interface PairAnalyticsOptions {
  /** Bars in the rolling OLS, the spread z-score and the return correlation. */
  readonly window: number;
  /** z-score window when it should differ from `window`. */
  readonly zscoreWindow?: number;
  readonly kalman?: KalmanHedgeOptions;
}

/** One bar of pair analytics; null during warm-up. Regression: a = alpha + beta·b. */
export interface PairPoint {
  readonly olsBeta: number | null;
  readonly olsAlpha: number | null;
  readonly kalmanBeta: number | null;
  readonly kalmanAlpha: number | null;
  /** a − olsBeta·b − olsAlpha with this bar's rolling hedge (no look-ahead). */
  readonly spread: number | null;
  /** z-score of `spread` against the last zscoreWindow spreads. */
  readonly zscore: number | null;
  /** Correlation of the two log-return series over the last `window` returns. */
  readonly correlation: number | null;
}

/**
 * Streaming pair analytics on aligned bars of two instruments: feed closes of a (dependent) and
 * b (hedge) per bar with `add` (closed) / `replace` (forming). Warm-up: OLS and spread from bar
 * window−1 (0-based), z-score from bar window−1 + zscoreWindow−1, correlation from bar window,
 * Kalman from bar 1.
 */
export class PairAnalytics {
  private readonly ols: RollingOls;
  private readonly kalman: KalmanHedge;
  private readonly zscore: RollingZScore;
  private readonly correlation: RollingReturnCorrelation;

  constructor(options: PairAnalyticsOptions) {
    this.ols = new RollingOls(options.window);
    this.kalman = new KalmanHedge(options.kalman);
    this.zscore = new RollingZScore(options.zscoreWindow ?? options.window);
    this.correlation = new RollingReturnCorrelation(options.window);
  }

  add(a: number, b: number): PairPoint {
    return this.point(a, b, true);
  }

  replace(a: number, b: number): PairPoint {
    return this.point(a, b, false);
  }

  private point(a: number, b: number, commit: boolean): PairPoint {
    const hedge = commit ? this.ols.add(a, b) : this.ols.replace(a, b);
    const k = commit ? this.kalman.add(a, b) : this.kalman.replace(a, b);
    const spread = hedge === null ? null : a - hedge.beta * b - hedge.alpha;
    let z: number | null = null;
    if (spread !== null) z = commit ? this.zscore.add(spread) : this.zscore.replace(spread);
    const correlation = commit ? this.correlation.add(a, b) : this.correlation.replace(a, b);
    return {
      olsBeta: hedge?.beta ?? null,
      olsAlpha: hedge?.alpha ?? null,
      kalmanBeta: k?.beta ?? null,
      kalmanAlpha: k?.alpha ?? null,
      spread,
      zscore: z,
      correlation,
    };
  }
}
