import { FeatureEnsemble } from './feature-ensemble';
import { DEFAULT_LIKELIHOOD, type LikelihoodOptions } from './likelihood';
import type { LearnedPartFactory } from './learned-part';
import { RobustZPart } from './robust-z-part';
import { SpatialPart } from './spatial-part';
import { Suppression } from './suppression';
import type { AnomalyDetector, AnomalyDetectorSnapshot, AnomalyScore } from './types';

export interface AnomalyDetectorOptions {
  /** Makes the learned part's initialisation and training deterministic. Default 1. */
  readonly seed?: number;
  /** Observations the robust statistics look back over. Default 128. */
  readonly window?: number;
  /** The learned part (TF.js autoencoder); without it the statistical ensemble scores alone. */
  readonly learned?: LearnedPartFactory;
  readonly likelihood?: Partial<LikelihoodOptions>;
  /** A score at or above this counts as a hit and starts the suppression. Default 0.5. */
  readonly hitLevel?: number;
  /** Observations after a hit whose scores stay below `hitLevel`. Default 50. */
  readonly holdFor?: number;
}

const SNAPSHOT_VERSION = 1;

interface Resolved {
  readonly seed: number;
  readonly window: number;
  readonly likelihood: LikelihoodOptions;
  readonly hitLevel: number;
  readonly holdFor: number;
}

function resolve(options: AnomalyDetectorOptions): Resolved {
  return {
    seed: options.seed ?? 1,
    window: options.window ?? 128,
    likelihood: { ...DEFAULT_LIKELIHOOD, ...options.likelihood },
    hitLevel: options.hitLevel ?? 0.5,
    holdFor: options.holdFor ?? 50,
  };
}

/** An online, causal detector for any numeric series at any cadence (see `AnomalyDetector`). */
export function createAnomalyDetector(options: AnomalyDetectorOptions = {}): AnomalyDetector {
  return build(options, null);
}

/** Rebuilds a detector from `snapshot()`; pass the options it was created with. */
export function restoreAnomalyDetector(
  snapshot: AnomalyDetectorSnapshot,
  options: AnomalyDetectorOptions = {},
): AnomalyDetector {
  if (snapshot.kind !== 'series' || snapshot.version !== SNAPSHOT_VERSION)
    throw new RangeError(`not a series detector snapshot of version ${SNAPSHOT_VERSION}`);
  return build({ ...options, seed: snapshot.seed }, snapshot.state);
}

function build(options: AnomalyDetectorOptions, state: unknown): AnomalyDetector {
  const o = resolve(options);
  const ensemble = new FeatureEnsemble('value', [new RobustZPart(o.window), new SpatialPart()], o.likelihood);
  const suppression = new Suppression(o.hitLevel, o.holdFor);
  if (state !== null) {
    const s = state as { ensemble: unknown; suppression: unknown };
    ensemble.restore(s.ensemble);
    suppression.restore(s.suppression);
  }

  const score = (timeMs: number, value: number, commit: boolean): AnomalyScore => {
    if (!Number.isFinite(value)) throw new RangeError(`value at ${timeMs} is not a finite number: ${value}`);
    const reading = commit ? ensemble.update(value) : ensemble.read(value);
    const final = suppression.read(reading.score);
    if (commit) suppression.learn(final);
    const reason =
      reading.detail === ''
        ? 'nothing unusual'
        : `${reading.driver}: ${reading.detail}${final < reading.score ? ' (same event as a recent hit)' : ''}`;
    return { score: final, parts: reading.parts, reason };
  };

  return {
    partNames: ensemble.parts.map((p) => p.name),
    update: (t, v) => score(t, v, true),
    preview: (t, v) => score(t, v, false),
    snapshot: (): AnomalyDetectorSnapshot => ({
      kind: 'series',
      version: SNAPSHOT_VERSION,
      seed: o.seed,
      state: { ensemble: ensemble.snapshot(), suppression: suppression.snapshot() },
    }),
    dispose: () => undefined,
  };
}
