import type { ForecastBar, ForecastStep } from '../forecast/forecaster';
import { fitRegimeModel, createRegimeFilter, type RegimeFilter } from '../regimes/regime-filter';
import { createSignalEngine, type SignalEngine } from '../signals/signal-engine';
import type { RegimeState, Signal } from '../signals/signal';
import { regimeNames } from '../regimes/regime-shade';
import type { SignalInputs } from '../signals/signal-inputs';

/** The decision layer's version in stored signals (bump when the engine or its inputs change). */
export const SIGNALS_VERSION = 'signals-v1';

/**
 * The decision layer of the chart's series: the regime HMM is fitted on the stored bars and
 * filtered online; the signal engine is replayed over those bars (so its calibration has judged
 * trades before the first live bar), then decides at each closed bar with the best model's
 * next-bar forecast as an input. A regime fit that fails (too little or flat history) leaves the
 * rule-based inputs to carry on.
 */
export class SignalDesk {
  private readonly engine: SignalEngine = createSignalEngine();
  private regime: RegimeFilter | null = null;
  private meanReturns: number[] = [];
  /** State names by volatility (empty while no regime model is fitted). */
  names: readonly string[] = [];
  /** The filtered regime after the last bar decided on (null in the warm-up or without a model). */
  regimeState: RegimeState | null = null;

  /**
   * Fits the regime model on `history` and replays the engine over it: the last decision and the
   * filtered regime of every bar past the feature warm-up (each from the bars up to it only).
   */
  start(history: readonly ForecastBar[]): { last: Signal | null; regimes: RegimeState[] } {
    try {
      const { model } = fitRegimeModel(history, { states: 2, seed: 1, starts: 3 });
      this.regime = createRegimeFilter(model);
      this.meanReturns = model.hmm.means.map((m) => m[0] as number);
      this.names = regimeNames(model.hmm);
    } catch {
      this.regime = null;
      this.names = [];
    }
    let last: Signal | null = null;
    const regimes: RegimeState[] = [];
    for (const bar of history) {
      last = this.next(bar, null);
      if (this.regimeState !== null) regimes.push(this.regimeState);
    }
    return { last, regimes };
  }

  /** The decision at `bar`'s close; `forecast` was made with data up to that close. */
  next(bar: ForecastBar, forecast: { model: string; step: ForecastStep } | null): Signal {
    const inputs: { regime?: SignalInputs['regime']; forecast?: SignalInputs['forecast'] } = {};
    const state = this.regime?.observe(bar) ?? null;
    this.regimeState = state;
    if (state !== null) inputs.regime = { state, meanReturns: this.meanReturns };
    if (forecast !== null && Number.isFinite(forecast.step.pUp)) inputs.forecast = forecast;
    return this.engine.observe(bar, inputs);
  }

  /** Judged past trades the confidence is calibrated on. */
  get judged(): number {
    return this.engine.judged;
  }
}
