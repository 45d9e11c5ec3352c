import type { ForecastBar } from '../forecast/forecaster';
import type { RegimeState } from '../signals/signal';
import { fitGaussianHmmSteps, runToEnd, type HmmFit, type HmmFitOptions } from './baum-welch';
import { ForwardFilter, mostProbable } from './forward-filter';
import type { GaussianHmm } from './gaussian-hmm';
import { RegimeFeatures, regimeFeatureSeries, REALISED_VOL_WINDOW } from './regime-features';

/** A fitted regime model with the feature window it was fitted on (stored, sent to the worker). */
export interface RegimeModel {
  readonly hmm: GaussianHmm;
  readonly window: number;
}

export interface RegimeFilter {
  /** The causal state after this bar, or null while the feature window warms up. */
  observe(bar: Pick<ForecastBar, 'openTimeMs' | 'close'>): RegimeState | null;
  readonly model: RegimeModel;
}

/** Runs a fitted model bar by bar: features then one forward step (filtered, causal). */
export function createRegimeFilter(model: RegimeModel): RegimeFilter {
  const features = new RegimeFeatures(model.window);
  const filter = new ForwardFilter(model.hmm);
  return {
    model,
    observe(bar) {
      const x = features.observe(bar);
      if (x === null) return null;
      const probabilities = filter.step(x);
      return { openTimeMs: bar.openTimeMs, state: mostProbable(probabilities), probabilities };
    },
  };
}

/** Fits the HMM on stored history (EM, several seeded starts) on returns and realised volatility. */
export function fitRegimeModel(
  history: readonly Pick<ForecastBar, 'close'>[],
  options: HmmFitOptions & { readonly window?: number },
): { model: RegimeModel; fit: HmmFit } {
  return runToEnd(fitRegimeModelSteps(history, options));
}

/** `fitRegimeModel` one EM iteration a step (see `fitGaussianHmmSteps`). */
export function* fitRegimeModelSteps(
  history: readonly Pick<ForecastBar, 'close'>[],
  options: HmmFitOptions & { readonly window?: number },
): Generator<void, { model: RegimeModel; fit: HmmFit }> {
  const window = options.window ?? REALISED_VOL_WINDOW;
  const x = regimeFeatureSeries(history, window).filter((f): f is [number, number] => f !== null);
  const fit = yield* fitGaussianHmmSteps(x, { ...options, orderBy: 1 });
  return { model: { hmm: fit.model, window }, fit };
}
