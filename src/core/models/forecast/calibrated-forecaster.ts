import { AdaptiveConformal } from './calibration/adaptive-conformal';
import type { ForecastBar, ForecastStep, Forecaster } from './forecaster';
import { normalCdf, Z80 } from './normal';
import type { ReturnModel, ReturnPrediction } from './return-model';
import type { VolatilityModel } from './volatility/volatility-model';

export const MAX_HORIZON = 10;

export interface CalibratedForecasterOptions {
  /** Horizons calibrated and served (1..maxHorizon, at most 10). */
  readonly maxHorizon?: number;
  /** The last training bars replayed to seed the conformal scores before the first live bar. */
  readonly calibrationBars?: number;
  /** Adaptive conformal step size γ. */
  readonly gamma?: number;
}

/** One bar's prediction in log-return units, kept until its targets have been seen. */
interface Pending {
  readonly close: number;
  readonly mean: readonly number[];
  readonly scale: readonly number[];
  readonly m80: readonly number[];
  readonly m95: readonly number[];
  readonly barVariance: readonly number[];
}

/** Decay of the wick averages (high above and low below the close, in units of a bar's volatility). */
const WICK_DECAY = 0.99;

/**
 * A `Forecaster` from a point model and a volatility model: the close forecast is
 * last · exp(mean), its scale √(unitVariance / h · Σ per-bar variances), and its 80 % / 95 %
 * half-widths the scale times a multiplier recalibrated online, per horizon and level, by
 * adaptive conformal inference on |log error| / scale. High and low add the recent average wicks
 * (high − close, close − low, in units of the bar's forecast volatility). pUp is the Gaussian
 * probability of a positive log return with the recalibrated 80 % scale.
 */
export class CalibratedForecaster implements Forecaster {
  private readonly maxHorizon: number;
  private readonly calibrationBars: number;
  private readonly conformal80: AdaptiveConformal[];
  private readonly conformal95: AdaptiveConformal[];
  private readonly pending: Pending[] = [];
  private current: Pending | null = null;
  private lastClose = Number.NaN;
  private wickUp = Number.NaN;
  private wickDown = Number.NaN;
  private live = false;

  constructor(
    readonly name: string,
    private readonly model: ReturnModel,
    private readonly volatility: VolatilityModel,
    options: CalibratedForecasterOptions = {},
  ) {
    this.maxHorizon = options.maxHorizon ?? MAX_HORIZON;
    if (!Number.isInteger(this.maxHorizon) || this.maxHorizon < 1 || this.maxHorizon > MAX_HORIZON)
      throw new Error(`maxHorizon must be an integer in 1..${MAX_HORIZON}`);
    this.calibrationBars = options.calibrationBars ?? 2000;
    const make = (alpha: number) =>
      Array.from({ length: this.maxHorizon }, () => new AdaptiveConformal({ alpha, gamma: options.gamma }));
    this.conformal80 = make(0.2);
    this.conformal95 = make(0.05);
  }

  /** The return model's fitted choice (ARIMA: its order), or null. */
  get detail(): string | null {
    return this.model.detail ?? null;
  }

  /** How the return model's last fit got its parameters, or null. */
  get provenance(): string | null {
    return this.model.provenance ?? null;
  }

  /** Open time of the last bar the return model's parameters were fitted on, when it says. */
  get fittedThroughMs(): number | null {
    return this.model.fittedThroughMs ?? null;
  }

  async fit(history: readonly ForecastBar[]): Promise<void> {
    if (history.length < 2) throw new Error(`${this.name}: needs at least 2 bars to fit, got ${history.length}`);
    await this.model.fit(history);
    const returns: number[] = [];
    for (let i = 1; i < history.length; i++)
      returns.push(Math.log((history[i] as ForecastBar).close / (history[i - 1] as ForecastBar).close));
    this.volatility.fit(returns);
    const from = Math.max(1, history.length - this.calibrationBars);
    this.lastClose = Number.NaN;
    this.wickUp = Number.NaN;
    this.wickDown = Number.NaN;
    this.live = false;
    history.forEach((bar, i) => {
      this.live = i >= from;
      this.observe(bar);
    });
    this.live = true;
  }

  observe(bar: ForecastBar): void {
    if (!(bar.close > 0) || !Number.isFinite(bar.close)) throw new Error(`${this.name}: close must be positive`);
    if (Number.isFinite(this.lastClose)) {
      this.resolve(bar);
      this.updateWicks(bar);
      this.volatility.observe(Math.log(bar.close / this.lastClose));
    }
    this.model.observe(bar);
    this.lastClose = bar.close;
    this.current = null;
    if (this.live) {
      this.pending.push(this.predict());
      if (this.pending.length > this.maxHorizon) this.pending.shift();
    } else {
      this.pending.length = 0;
    }
  }

  forecast(horizon: number): ForecastStep[] {
    if (!Number.isInteger(horizon) || horizon < 1 || horizon > this.maxHorizon)
      throw new Error(`${this.name}: horizon must be an integer in 1..${this.maxHorizon}`);
    if (!Number.isFinite(this.lastClose)) throw new Error(`${this.name}: fit before forecast`);
    const p = this.pending[this.pending.length - 1] ?? this.currentPrediction();
    const last = this.lastClose;
    const up = Number.isFinite(this.wickUp) ? this.wickUp : 0;
    const down = Number.isFinite(this.wickDown) ? this.wickDown : 0;
    return Array.from({ length: horizon }, (_, i) => {
      const mean = p.mean[i] as number;
      const scale = p.scale[i] as number;
      const h80 = (p.m80[i] as number) * scale;
      const h95 = (p.m95[i] as number) * scale;
      const close = last * Math.exp(mean);
      const barSd = Math.sqrt(p.barVariance[i] as number);
      const sd = h80 / Z80;
      return {
        horizon: i + 1,
        close,
        high: close * Math.exp(up * barSd),
        low: close * Math.exp(-down * barSd),
        lo80: last * Math.exp(mean - h80),
        hi80: last * Math.exp(mean + h80),
        lo95: last * Math.exp(mean - h95),
        hi95: last * Math.exp(mean + h95),
        pUp: mean === 0 ? 0.5 : sd > 0 ? normalCdf(mean / sd) : mean > 0 ? 1 : 0,
      };
    });
  }

  dispose(): void {
    this.model.dispose();
  }

  /** The current adaptive α per horizon (diagnostics: how far recalibration has moved). */
  alphas(): { alpha80: number[]; alpha95: number[] } {
    return {
      alpha80: this.conformal80.map((c) => c.currentAlpha),
      alpha95: this.conformal95.map((c) => c.currentAlpha),
    };
  }

  private currentPrediction(): Pending {
    this.current ??= this.predict();
    return this.current;
  }

  private predict(): Pending {
    const h = this.maxHorizon;
    const prediction: ReturnPrediction = this.model.predict(h);
    const barVariance = this.volatility.variances(h);
    const scale: number[] = [];
    let cumulative = 0;
    for (let i = 0; i < h; i++) {
      cumulative += barVariance[i] as number;
      const unit = Math.max(prediction.unitVariance[i] as number, 0) / (i + 1);
      scale.push(Math.sqrt(Math.max(unit * cumulative, 1e-20)));
    }
    if (prediction.mean.some((m) => !Number.isFinite(m)) || scale.some((s) => !Number.isFinite(s)))
      throw new Error(`${this.name}: the model diverged (non-finite forecast)`);
    const m80 = this.conformal80.map((c) => c.multiplier());
    const m95 = this.conformal95.map((c, i) => Math.max(c.multiplier(), m80[i] as number));
    return { close: this.lastClose, mean: prediction.mean, scale, m80, m95, barVariance };
  }

  /** Scores every pending prediction whose horizon is this bar and updates its conformal α. */
  private resolve(bar: ForecastBar): void {
    const n = this.pending.length;
    for (let k = 1; k <= n; k++) {
      const p = this.pending[n - k] as Pending;
      const score = Math.abs(Math.log(bar.close / p.close) - (p.mean[k - 1] as number)) / (p.scale[k - 1] as number);
      (this.conformal80[k - 1] as AdaptiveConformal).update(score, p.m80[k - 1] as number);
      (this.conformal95[k - 1] as AdaptiveConformal).update(score, p.m95[k - 1] as number);
    }
  }

  private updateWicks(bar: ForecastBar): void {
    const sd = Math.sqrt(this.volatility.variances(1)[0] as number);
    if (!(sd > 0)) return;
    const up = Math.log(bar.high / bar.close) / sd;
    const down = Math.log(bar.close / bar.low) / sd;
    if (!Number.isFinite(up) || !Number.isFinite(down)) return;
    this.wickUp = Number.isFinite(this.wickUp) ? WICK_DECAY * this.wickUp + (1 - WICK_DECAY) * up : up;
    this.wickDown = Number.isFinite(this.wickDown) ? WICK_DECAY * this.wickDown + (1 - WICK_DECAY) * down : down;
  }
}
