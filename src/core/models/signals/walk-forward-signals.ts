import type { ForecastBar, Forecaster } from '../forecast/forecaster';
import { createRegimeFilter, fitRegimeModel, type RegimeFilter } from '../regimes/regime-filter';
import type { Signal } from './signal';
import { createSignalEngine, type SignalEngineOptions } from './signal-engine';
import type { SignalInputs } from './signal-inputs';

export interface WalkForwardOptions extends SignalEngineOptions {
  /** The HMM is fitted once on the first this many bars, then filtered online (2 states). */
  readonly regimeFitBars?: number;
  readonly regimeStates?: number;
  readonly seed?: number;
  /** Optional forecaster: fitted on the same first bars, then shown each bar; its next-bar step is an input. */
  readonly forecaster?: Forecaster;
}

export const WALK_FORWARD_DEFAULTS = { regimeFitBars: 5000, regimeStates: 2, seed: 1 } as const;

/**
 * Walk-forward signals over a history: the decision at bar t uses bars 0..t only. The regime
 * model (and a forecaster, when given) is fitted on the first `regimeFitBars` bars when bar
 * `regimeFitBars − 1` closes, and runs online from then on; before that the rule-based inputs
 * decide alone. Outcomes reach the calibrator only once judged (see createSignalEngine).
 */
export async function walkForwardSignals(
  bars: readonly ForecastBar[],
  options: WalkForwardOptions,
  onSignal: (signal: Signal, index: number) => void | Promise<void>,
): Promise<{ inputs: string[] }> {
  const o = { ...WALK_FORWARD_DEFAULTS, ...options };
  const engine = createSignalEngine(options);
  let regime: RegimeFilter | null = null;
  let meanReturns: number[] = [];
  let forecasting = false;
  const used = new Set<string>(['trend', 'rsi']);
  for (let t = 0; t < bars.length; t++) {
    const bar = bars[t] as ForecastBar;
    const inputs: { regime?: SignalInputs['regime']; forecast?: SignalInputs['forecast'] } = {};
    if (regime === null && t === o.regimeFitBars - 1) {
      const history = bars.slice(0, t + 1);
      try {
        const { model } = fitRegimeModel(history, { states: o.regimeStates, seed: o.seed, starts: 3 });
        regime = createRegimeFilter(model);
        meanReturns = model.hmm.means.map((m) => m[0] as number);
        // Replay the filter over the fitting bars so its state at t is the causal one.
        for (let i = 0; i < t; i++) regime.observe(bars[i] as ForecastBar);
        used.add('regime');
      } catch {
        regime = null; // too little or constant history: the rules carry on without a regime
      }
      if (o.forecaster !== undefined) {
        try {
          await o.forecaster.fit(history.slice(0, t));
          forecasting = true;
          used.add(`forecast:${o.forecaster.name}`);
        } catch {
          forecasting = false;
        }
      }
    }
    if (regime !== null) {
      const state = regime.observe(bar);
      if (state !== null) inputs.regime = { state, meanReturns };
    }
    if (forecasting && o.forecaster !== undefined) {
      try {
        o.forecaster.observe(bar);
        const step = o.forecaster.forecast(1)[0];
        if (step !== undefined && Number.isFinite(step.pUp)) inputs.forecast = { model: o.forecaster.name, step };
      } catch {
        forecasting = false; // a failing model is switched off; the rules continue
      }
    }
    await onSignal(engine.observe(bar, inputs), t);
  }
  return { inputs: [...used] };
}
