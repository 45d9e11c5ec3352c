import type { ForecastStep } from '../forecast/forecaster';

/** One model's one-bar-ahead record on recent out-of-sample bars. */
export interface ModelScore {
  readonly bars: number;
  /** Mean absolute error over the mean absolute one-bar change of the fitting history. */
  readonly mase: number | null;
  readonly coverage80: number | null;
  readonly coverage95: number | null;
  /** Mean 80 % / 95 % interval width, in price. */
  readonly width80: number | null;
  readonly width95: number | null;
  /** Against persistence on the same bars (Diebold–Mariano test of absolute errors, 5 %). */
  readonly verdict: 'better' | 'worse' | 'no-difference' | 'too-few-bars' | 'baseline';
}

interface Outcome {
  readonly absError: number;
  readonly baselineAbsError: number;
  readonly in80: boolean;
  readonly in95: boolean;
  readonly width80: number;
  readonly width95: number;
}

/** Fewest scored bars before a model is compared with persistence. */
export const MIN_COMPARED_BARS = 50;
/** Two-sided 5 % critical value of the standard normal. */
const CRITICAL = 1.96;

/**
 * Rolling one-bar-ahead scores of one model on its newest `window` out-of-sample bars, paired
 * with persistence's error on each, so the panel can say whether it beats the random walk. It
 * is called better (or worse) only when the mean difference of absolute errors is significant.
 */
export class RollingScore {
  private readonly outcomes: Outcome[] = [];

  constructor(
    private readonly baseline: boolean,
    /** Mean absolute one-bar change of the close over the fitting history (MASE's scale). */
    private scale: number,
    private readonly window = 200,
  ) {}

  rescale(scale: number): void {
    this.scale = scale;
  }

  /** Scores a forecast of the bar that just closed at `close`, beside persistence's `baselineClose`. */
  add(step: ForecastStep, close: number, baselineClose: number): void {
    this.outcomes.push({
      absError: Math.abs(step.close - close),
      baselineAbsError: Math.abs(baselineClose - close),
      in80: close >= step.lo80 && close <= step.hi80,
      in95: close >= step.lo95 && close <= step.hi95,
      width80: step.hi80 - step.lo80,
      width95: step.hi95 - step.lo95,
    });
    if (this.outcomes.length > this.window) this.outcomes.shift();
  }

  clear(): void {
    this.outcomes.length = 0;
  }

  score(): ModelScore {
    const o = this.outcomes;
    const n = o.length;
    if (n === 0) {
      const verdict = this.baseline ? 'baseline' : 'too-few-bars';
      return { bars: 0, mase: null, coverage80: null, coverage95: null, width80: null, width95: null, verdict };
    }
    const mean = (f: (x: Outcome) => number) => o.reduce((s, x) => s + f(x), 0) / n;
    const mae = mean((x) => x.absError);
    return {
      bars: n,
      mase: this.scale > 0 ? mae / this.scale : null,
      coverage80: mean((x) => (x.in80 ? 1 : 0)),
      coverage95: mean((x) => (x.in95 ? 1 : 0)),
      width80: mean((x) => x.width80),
      width95: mean((x) => x.width95),
      verdict: this.baseline ? 'baseline' : this.verdict(),
    };
  }

  private verdict(): ModelScore['verdict'] {
    const d = this.outcomes.map((x) => x.absError - x.baselineAbsError);
    const n = d.length;
    if (n < MIN_COMPARED_BARS) return 'too-few-bars';
    const mean = d.reduce((s, x) => s + x, 0) / n;
    const variance = d.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
    if (variance === 0) return mean < 0 ? 'better' : mean > 0 ? 'worse' : 'no-difference';
    const t = mean / Math.sqrt(variance / n);
    return t < -CRITICAL ? 'better' : t > CRITICAL ? 'worse' : 'no-difference';
  }
}
