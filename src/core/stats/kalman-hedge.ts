export interface KalmanHedgeOptions {
  /**
   * State drift δ: the hedge ratio and intercept follow random walks with covariance
   * Vw = δ/(1−δ)·I per bar. Larger δ tracks faster and noisier. Default 1e-4 (Chan's choice).
   */
  readonly delta?: number;
  /**
   * Observation noise variance Ve of y around beta·x + alpha, in price units squared. Default
   * 1e-3 (Chan's, for ~$20 ETFs); scale it with the square of the price level being hedged.
   */
  readonly ve?: number;
}

export interface KalmanHedgeValue {
  readonly beta: number;
  readonly alpha: number;
  /** One-step forecast error y − (beta·x + alpha) with the prior state: the Kalman spread. */
  readonly forecastError: number;
  /** Its variance Q = x·R·xᵀ + Ve; forecastError / √Q is a z-score. */
  readonly forecastVariance: number;
}

interface State {
  beta: number;
  alpha: number;
  /** Posterior covariance P of [beta, alpha] (symmetric). */
  p00: number;
  p01: number;
  p11: number;
  count: number;
}

/**
 * Dynamic hedge ratio by Kalman filter, as in E. Chan, "Algorithmic Trading" (2013), example 3.3:
 * observation y_t = beta_t·x_t + alpha_t + ε (var Ve), state [beta, alpha] a random walk
 * (cov Vw = δ/(1−δ)·I), starting from zero state and zero covariance. As in Chan's code the first
 * bar has zero gain and only starts the filter, so it returns null.
 * `add` commits a closed bar, `replace` filters the forming bar from the committed state.
 */
export class KalmanHedge {
  private readonly vw: number;
  private readonly ve: number;
  private readonly s: State = { beta: 0, alpha: 0, p00: 0, p01: 0, p11: 0, count: 0 };

  constructor(options: KalmanHedgeOptions = {}) {
    const delta = options.delta ?? 1e-4;
    const ve = options.ve ?? 1e-3;
    if (!(delta > 0 && delta < 1)) throw new RangeError(`KalmanHedge delta must be in (0, 1), got ${delta}`);
    if (!(ve > 0)) throw new RangeError(`KalmanHedge ve must be positive, got ${ve}`);
    this.vw = delta / (1 - delta);
    this.ve = ve;
  }

  add(y: number, x: number): KalmanHedgeValue | null {
    const next = this.step(y, x);
    Object.assign(this.s, next.state);
    return next.value;
  }

  replace(y: number, x: number): KalmanHedgeValue | null {
    return this.step(y, x).value;
  }

  private step(y: number, x: number): { state: State; value: KalmanHedgeValue | null } {
    const s = this.s;
    // Prior covariance R = P + Vw, except on the very first bar (Chan starts with R = 0).
    const first = s.count === 0;
    const r00 = first ? 0 : s.p00 + this.vw;
    const r01 = first ? 0 : s.p01;
    const r11 = first ? 0 : s.p11 + this.vw;
    const e = y - (x * s.beta + s.alpha);
    // R·hᵀ with observation vector h = [x, 1].
    const rh0 = r00 * x + r01;
    const rh1 = r01 * x + r11;
    const q = x * rh0 + rh1 + this.ve;
    const k0 = rh0 / q;
    const k1 = rh1 / q;
    const state: State = {
      beta: s.beta + k0 * e,
      alpha: s.alpha + k1 * e,
      // P = R − K·h·R = R − Q·K·Kᵀ, written symmetric so P stays symmetric.
      p00: r00 - k0 * rh0,
      p01: r01 - k0 * rh1,
      p11: r11 - k1 * rh1,
      count: s.count + 1,
    };
    const value = first ? null : { beta: state.beta, alpha: state.alpha, forecastError: e, forecastVariance: q };
    return { state, value };
  }
}
