import type { ForecastBar } from '../forecaster';
import type { ReturnModel, ReturnPrediction } from '../return-model';
import type { ArimaOrder } from './arima-order';
import type { ArimaCoefficients } from './arima-state-space';
import { fitArima } from './fit-arima';
import { OnlineArimaFilter } from './online-arima-filter';
import { selectArimaOrder } from './select-arima-order';

export interface ArimaModelOptions {
  /** Bars the order search and every refit see: the most recent ones (bounded fit time). */
  readonly fitWindow?: number;
  /** Refit the chosen order's parameters after this many new bars (the order is kept). */
  readonly refitEvery?: number;
  readonly maxP?: number;
  readonly maxQ?: number;
}

/** A fast BFGS stopping rule for forecasting fits (the statsmodels-matching default is far slower). */
const FIT = { hasConstant: false, gradientTolerance: 1e-5, maxIterations: 60 } as const;

/**
 * ARIMA(p, 1, q) on the log close, the order chosen by AIC over p ≤ 2, q ≤ 1 on the last
 * `fitWindow` (default 3,000) training bars. The parameters are the exact-likelihood ARMA(p, q)
 * fit (no drift) of the log returns standardised by their training RMS (well conditioned, and
 * it skips the diffuse level state, which makes BFGS on raw log prices slow). After fitting it
 * filters each new bar online through the ARIMA(p, 1, q) state space (Kalman update, no
 * refit), and every `refitEvery` (default 1,440: a day of 1m bars) bars it refits the same
 * order on the last `fitWindow` bars and re-filters them.
 */
export class ArimaReturnModel implements ReturnModel {
  readonly name = 'arima';
  private readonly fitWindow: number;
  private readonly refitEvery: number;
  private order: ArimaOrder = { p: 0, d: 1, q: 0 };
  private coefficients: ArimaCoefficients = { constant: 0, ar: [], ma: [], sigma2: 1 };
  private filter: OnlineArimaFilter | null = null;
  private readonly recent: number[] = [];
  /** RMS of the training log returns: the model runs on log(close) / scale. */
  private scale = 1;
  private replaying = 0;
  private sinceRefit = 0;

  constructor(private readonly options: ArimaModelOptions = {}) {
    this.fitWindow = options.fitWindow ?? 3000;
    this.refitEvery = options.refitEvery ?? 1440;
  }

  fit(history: readonly ForecastBar[]): void {
    const logs = history.slice(-this.fitWindow).map((bar) => Math.log(bar.close));
    const returns = logs.slice(1).map((y, i) => y - (logs[i] as number));
    this.scale = Math.sqrt(returns.reduce((s, r) => s + r * r, 0) / Math.max(returns.length, 1)) || 1;
    const standardised = returns.map((r) => r / this.scale);
    const selection = selectArimaOrder(standardised, {
      d: 0,
      maxP: this.options.maxP ?? 2,
      maxQ: this.options.maxQ ?? 1,
      fit: FIT,
    });
    const { p, q } = selection.best.order;
    this.order = { p, d: 1, q };
    this.coefficients = selection.best.coefficients;
    this.filter = new OnlineArimaFilter(this.order, this.coefficients);
    this.recent.length = 0;
    // The caller replays `history` through observe: no refit during the replay.
    this.replaying = history.length;
    this.sinceRefit = 0;
  }

  observe(bar: ForecastBar): void {
    const filter = this.requireFilter();
    const y = Math.log(bar.close) / this.scale;
    this.recent.push(y);
    if (this.recent.length > this.fitWindow) this.recent.shift();
    filter.step(y);
    if (this.replaying > 0) {
      this.replaying--;
      return;
    }
    if (++this.sinceRefit >= this.refitEvery) this.refit();
  }

  predict(horizon: number): ReturnPrediction {
    const filter = this.requireFilter();
    const last = this.recent[this.recent.length - 1] as number;
    const { means, variances } = filter.forecast(horizon);
    return {
      mean: means.map((m) => (m - last) * this.scale),
      unitVariance: variances.map((v) => v / this.coefficients.sigma2),
    };
  }

  /** The order in use, `(p,1,q)`, or null before fitting. */
  get detail(): string | null {
    return this.filter === null ? null : `(${this.order.p},${this.order.d},${this.order.q})`;
  }

  /** The order and parameters in use (for summaries). */
  describe(): { order: ArimaOrder; coefficients: ArimaCoefficients } {
    return { order: this.order, coefficients: this.coefficients };
  }

  dispose(): void {
    this.filter = null;
  }

  private refit(): void {
    this.sinceRefit = 0;
    try {
      const { p, q } = this.order;
      const differences = this.recent.slice(1).map((y, i) => y - (this.recent[i] as number));
      this.coefficients = fitArima(differences, { p, d: 0, q }, FIT).coefficients;
    } catch {
      // A failed refit (a flat stretch) keeps the previous parameters.
      return;
    }
    const filter = new OnlineArimaFilter(this.order, this.coefficients);
    for (const y of this.recent) filter.step(y);
    this.filter = filter;
  }

  private requireFilter(): OnlineArimaFilter {
    if (this.filter === null) throw new Error('arima: fit before observe/predict');
    return this.filter;
  }
}
