import type { SignalAction, SignalEvidence } from '../core/models/signals/signal';

/**
 * One model's forecast of one bar, made at the close of the bar opened at `originTimeMs`, for the
 * bar `horizon` bars later (opened at `targetTimeMs`). Keyed to the target bar, model and horizon;
 * `version` names the model's code and settings, so rows of another version are never mixed.
 */
export interface StoredForecast {
  venue: string;
  symbol: string;
  timeframe: string;
  targetTimeMs: number;
  model: string;
  horizon: number;
  version: string;
  originTimeMs: number;
  close: number;
  high: number;
  low: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
  pUp: number;
  madeAtMs: number;
}

/** A signal of the decision layer at the close of the bar opened at `openTimeMs`. */
export interface StoredSignal {
  venue: string;
  symbol: string;
  timeframe: string;
  openTimeMs: number;
  /** The decision layer's version. */
  model: string;
  action: SignalAction;
  confidence: number;
  entry: number;
  stop: number;
  target: number;
  riskReward: number;
  expectedValue: number;
  kelly: number;
  horizon: number;
  evidence: SignalEvidence[];
  madeAtMs: number;
  /**
   * True for a trade the decision layer issued replaying stored bars when the series was shown
   * (no forecast input, decided after the fact); absent for one decided live at the bar's close.
   */
  replayed?: true;
}

/** The user's verdict on one signal (`signalId`: see signal-store.ts); the latest verdict wins. */
export interface StoredSignalFeedback {
  signalId: string;
  useful: boolean;
  atMs: number;
}

/**
 * The filtered regime after the bar opened at `openTimeMs`, keyed to the bar and the regime
 * model's version. `names` are the fit's (index = state): EM orders states arbitrarily, so a
 * row is read back by its own names, never by another fit's.
 */
export interface StoredRegime {
  venue: string;
  symbol: string;
  timeframe: string;
  openTimeMs: number;
  /** The regime model's version (`regimes-…`): rows of other versions are never shown together. */
  model: string;
  state: number;
  /** Filtered state probabilities (sum 1), index = state. */
  probabilities: number[];
  names: string[];
  madeAtMs: number;
}
