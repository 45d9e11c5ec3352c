/** The signal contract shared by the decision layer, the backtest, the stores and the signal feed. */
export type SignalAction = 'BUY' | 'SELL' | 'HOLD';

/** One input's push towards the action: positive = towards BUY, negative = towards SELL. */
export interface SignalEvidence {
  /** Input name (`forecast:arima`, `regime`, `rsi`, `anomaly`, `sentiment`, …). */
  readonly input: string;
  readonly weight: number;
  /** Plain-text reason shown in the signal feed. */
  readonly detail: string;
}

/** A decision at the close of the bar opened at `openTimeMs`. */
export interface Signal {
  readonly openTimeMs: number;
  readonly action: SignalAction;
  /** Calibrated probability that the trade works (outcome definition of `signal-outcome`). */
  readonly confidence: number;
  readonly entry: number;
  readonly stop: number;
  readonly target: number;
  readonly riskReward: number;
  readonly expectedValue: number;
  /** Capped Kelly fraction of capital, in [0, cap]. */
  readonly kelly: number;
  readonly horizon: number;
  readonly evidence: readonly SignalEvidence[];
}

/** Causal regime state after the bar opened at `openTimeMs`. */
export interface RegimeState {
  readonly openTimeMs: number;
  readonly state: number;
  /** Filtered state probabilities (sum 1). */
  readonly probabilities: readonly number[];
}
