/** One part's contribution to a score: its own calibrated score in [0, 1]. */
export interface AnomalyPartScore {
  readonly name: string;
  readonly score: number;
}

/**
 * The detector's answer for one observation. `score` is calibrated to [0, 1] (a tail probability
 * of how unusual the observation is for this series, after suppression of repeats); `parts` lists
 * every ensemble part's own score; `reason` names the part and the feature(s) that drove it.
 */
export interface AnomalyScore {
  readonly score: number;
  readonly parts: readonly AnomalyPartScore[];
  readonly reason: string;
}

/** An online, causal detector of one numeric series at any cadence. */
export interface AnomalyDetector {
  /** Names of the ensemble's parts, in the order `AnomalyScore.parts` lists them. */
  readonly partNames: readonly string[];
  /** Scores the observation with what was seen before it, then learns it. */
  update(timeMs: number, value: number): AnomalyScore;
  /** Scores the observation as `update` would, without changing any state. */
  preview(timeMs: number, value: number): AnomalyScore;
  /** The whole state as JSON-safe data (for storage); `restoreAnomalyDetector` rebuilds it. */
  snapshot(): AnomalyDetectorSnapshot;
  /** Frees what the learned part holds (tensors). The detector is unusable afterwards. */
  dispose(): void;
}

export interface AnomalyDetectorSnapshot {
  readonly kind: 'series' | 'bar';
  readonly version: number;
  readonly seed: number;
  readonly state: unknown;
}
