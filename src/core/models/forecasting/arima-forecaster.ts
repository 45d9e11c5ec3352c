import type { ArimaFit } from '../forecast/arima/fit-arima';
import { forecastArima } from '../forecast/arima/forecast-arima';
import { selectArimaOrder } from '../forecast/arima/select-arima-order';
import type { ForecastBar, ForecastStep, Forecaster } from '../forecast/forecaster';
import { BarShape } from './bar-shape';
import { normalCdf } from './normal';

export interface ArimaLiveOptions {
  /** Closes the model is fitted on and filters (the newest). */
  readonly window: number;
  /** Largest AR and MA orders tried (AIC picks). */
  readonly maxOrder: number;
}

/**
 * A grid of p, q ≤ 1 on 300 bars: the (2,1,2) fit alone took ~10 s on 400 bars on the loaded
 * development machine (numeric-gradient BFGS), too long to refit a series on every switch.
 */
const DEFAULTS: ArimaLiveOptions = { window: 300, maxOrder: 1 };

/**
 * ARIMA(p, 1, q) on the close, the order chosen by AIC when fitted; online it filters each new
 * close with the fitted parameters (the state learns, the parameters stay until the next fit).
 * Gaussian intervals; `pUp` is the forecast distribution's mass above the last close.
 */
export class ArimaForecaster implements Forecaster {
  readonly name = 'arima';
  private closes: number[] = [];
  private fitted: ArimaFit | null = null;
  private readonly shape: BarShape;

  constructor(private readonly options: ArimaLiveOptions = DEFAULTS) {
    this.shape = new BarShape(options.window);
  }

  /** The order and AIC in use (for the model panel), or null before fitting. */
  get order(): string | null {
    const f = this.fitted;
    return f === null ? null : `(${f.order.p},${f.order.d},${f.order.q})`;
  }

  fit(history: readonly ForecastBar[]): void {
    this.closes = history.slice(-this.options.window).map((b) => b.close);
    this.shape.clear();
    for (const b of history.slice(-this.options.window)) this.shape.observe(b);
    const max = this.options.maxOrder;
    this.fitted = selectArimaOrder(this.closes, { d: 1, maxP: max, maxQ: max }).best;
  }

  observe(bar: ForecastBar): void {
    this.closes.push(bar.close);
    if (this.closes.length > this.options.window) this.closes.shift();
    this.shape.observe(bar);
  }

  forecast(horizon: number): ForecastStep[] {
    const fit = this.fitted;
    if (fit === null) throw new Error('ARIMA is not fitted');
    const last = this.closes[this.closes.length - 1] as number;
    return forecastArima(this.closes, fit.order, fit.coefficients, horizon).map((s) => {
      const sd = Math.sqrt(s.variance);
      return {
        horizon: s.horizon,
        close: s.mean,
        ...this.shape.wicks(s.mean),
        lo80: s.lo80,
        hi80: s.hi80,
        lo95: s.lo95,
        hi95: s.hi95,
        pUp: sd > 0 ? 1 - normalCdf((last - s.mean) / sd) : 0.5,
      };
    });
  }

  dispose(): void {
    this.closes = [];
    this.fitted = null;
  }
}
