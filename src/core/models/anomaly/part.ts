/**
 * One part of the ensemble. `read` is pure (it scores an observation against what was learned);
 * `learn` then takes the observation in. Keeping the two apart is what makes `preview` free of side
 * effects and every score causal.
 */
export interface PartReading {
  /** Raw surprise in [0, 1]; higher is more unusual. Calibration happens later (likelihood). */
  readonly surprise: number;
  /** Short text naming what moved, e.g. "value 6.2 MAD above the median". */
  readonly detail: string;
}

export interface DetectorPart {
  readonly name: string;
  /** True when `surprise` is already a calibrated score (the range check's 0 or 1): no likelihood. */
  readonly calibrated?: boolean;
  read(x: number): PartReading;
  learn(x: number): void;
  snapshot(): unknown;
  restore(state: unknown): void;
}

export const QUIET: PartReading = { surprise: 0, detail: '' };
