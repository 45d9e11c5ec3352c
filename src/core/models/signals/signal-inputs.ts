import type { ForecastStep } from '../forecast/forecaster';
import type { RegimeState } from './signal';

/**
 * What the decision layer may know besides the bar itself, each optional: a model that is off,
 * failed or not fitted yet is simply absent and the rule-based inputs carry on.
 */
export interface SignalInputs {
  /** The causal regime after this bar, with the fitted per-state mean log return. */
  readonly regime?: { readonly state: RegimeState; readonly meanReturns: readonly number[] } | null;
  /** A forecaster's next-bar step, made with data up to this bar's close. */
  readonly forecast?: { readonly model: string; readonly step: ForecastStep } | null;
  /** Anomaly score of this bar in [0, 1] (1 = most unusual). */
  readonly anomaly?: number | null;
  /** News sentiment in [-1, 1]. */
  readonly sentiment?: number | null;
}
