import { FlatRunPart } from './flat-run-part';
import { FeatureEnsemble, MAX_COMBINATION, type Combination } from './feature-ensemble';
import { DEFAULT_LIKELIHOOD, type LikelihoodOptions } from './likelihood';
import type { LearnedPartFactory } from './learned-part';
import { DEFAULT_NOVELTY, NoveltyPart, type NoveltyOptions } from './novelty-part';
import type { DetectorPart } from './part';
import { LearnedWindowPart } from './learned-window-part';
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
  /** A score at or above this counts as a hit and starts the suppression. Default 0.4. */
  readonly hitLevel?: number;
  /** Observations after a hit whose scores stay below `hitLevel`. Default 20. */
  readonly holdFor?: number;
  readonly novelty?: Partial<NoveltyOptions> | false;
  /** Values per learned-part input window. Default 16. */
  readonly learnedWindow?: number;
}

/** Knobs measured on the NAB dev corpus (test/nab); not part of the public options. */
export interface DetectorTuning {
  /** Rows the range check waits for before it can fire. Default 8. */
  readonly rangeMinHistory?: number;
  readonly combination?: Combination;
  /** A hit-level score during the hold restarts it. Default false. */
  readonly extendHold?: boolean;
  /** Range check variants (see `SpatialPart`). */
  readonly rangeRarity?: boolean;
  readonly rangeThroughLikelihood?: boolean;
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
    hitLevel: options.hitLevel ?? 0.4,
    holdFor: options.holdFor ?? 20,
  };
}

/** An online, causal detector for any numeric series at any cadence (see `AnomalyDetector`). */
export function createAnomalyDetector(options: AnomalyDetectorOptions = {}): AnomalyDetector {
  return build(options, null);
}

/** `createAnomalyDetector` with measurement knobs (test/nab only). */
export function createTunedAnomalyDetector(options: AnomalyDetectorOptions, tuning: DetectorTuning): AnomalyDetector {
  return build(options, null, tuning);
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

function build(options: AnomalyDetectorOptions, state: unknown, tuning: DetectorTuning = {}): AnomalyDetector {
  const o = resolve(options);
  const parts: DetectorPart[] = [
    new RobustZPart(o.window),
    new SpatialPart(0.05, tuning.rangeMinHistory ?? 8, {
      rarity: tuning.rangeRarity ?? false,
      throughLikelihood: tuning.rangeThroughLikelihood ?? false,
    }),
    new FlatRunPart(),
    ...(options.novelty === false ? [] : [new NoveltyPart({ ...DEFAULT_NOVELTY, ...options.novelty })]),
  ];
  const learned = options.learned?.({ inputSize: options.learnedWindow ?? 16, seed: o.seed });
  if (learned) parts.push(new LearnedWindowPart(learned));
  const ensemble = new FeatureEnsemble('value', parts, o.likelihood, tuning.combination ?? MAX_COMBINATION);
  const suppression = new Suppression(o.hitLevel, o.holdFor, tuning.extendHold ?? false);
  if (state !== null) {
    const s = state as { ensemble: unknown; suppression: unknown };
    ensemble.restore(s.ensemble);
    suppression.restore(s.suppression);
  }

  const score = (timeMs: number, value: number, commit: boolean): AnomalyScore => {
    if (!Number.isFinite(value)) throw new RangeError(`value at ${timeMs} is not a finite number: ${value}`);
    const reading = commit ? ensemble.update(value) : ensemble.read(value);
    const final = suppression.read(reading.score);
    if (commit) suppression.learn(final, reading.score);
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
    dispose: () => learned?.dispose(),
  };
}
