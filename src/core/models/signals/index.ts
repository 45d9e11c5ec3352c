/** What the model worker and the command line need to run the decision layer bar by bar. */
export type { RegimeState, Signal, SignalAction, SignalEvidence } from './signal';
export type { SignalInputs } from './signal-inputs';
export { judgeSignal, type OutcomeReason, type OutcomeTrade, type SignalOutcome } from './signal-outcome';
export { OutcomeCalibrator, SCORE_BINS, type Calibration } from './outcome-calibrator';
export { gatherEvidence, EVIDENCE_WEIGHTS, type IndicatorReadings } from './signal-evidence';
export { createSignalEngine, SIGNAL_DEFAULTS, type SignalEngine, type SignalEngineOptions } from './signal-engine';
export { walkForwardSignals, WALK_FORWARD_DEFAULTS, type WalkForwardOptions } from './walk-forward-signals';
