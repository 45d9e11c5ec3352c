import { BAR_FEATURES, barFeatures, type BarFeature, type BarSample } from './bar-features';
import { FeatureEnsemble, type FeatureReading } from './feature-ensemble';
import { FeatureMix } from './feature-mix';
import type { LearnedPartFactory } from './learned-part';
import { DEFAULT_LIKELIHOOD, type LikelihoodOptions } from './likelihood';
import { RobustZPart } from './robust-z-part';
import { SpatialPart } from './spatial-part';
import { Suppression } from './suppression';
import type { AnomalyDetectorSnapshot, AnomalyPartScore, AnomalyScore } from './types';

export interface BarAnomalyDetectorOptions {
  readonly seed?: number;
  /** Bars the robust statistics look back over. Default 128. */
  readonly window?: number;
  readonly likelihood?: Partial<LikelihoodOptions>;
  /** Default 0.4; see `AnomalyDetectorOptions.hitLevel`. */
  readonly hitLevel?: number;
  /** Bars after a hit kept below the hit level. Default 10. */
  readonly holdFor?: number;
  /** The learned part (TF.js autoencoder) over the whole feature vector; off without it. */
  readonly learned?: LearnedPartFactory;
}

/** Scores closed bars of one instrument × timeframe; previews the forming bar without learning it. */
export interface BarAnomalyDetector {
  readonly features: readonly BarFeature[];
  /** Scores a closed bar, then learns it. */
  update(bar: BarSample): AnomalyScore;
  /** Scores the forming bar against the closed bars so far; changes nothing. */
  preview(bar: BarSample): AnomalyScore;
  snapshot(): AnomalyDetectorSnapshot;
  dispose(): void;
}

const SNAPSHOT_VERSION = 1;

/**
 * The market variant: one ensemble per bar feature (log return, range, volume and trade-count
 * z-scores, spread, trade imbalance, cross-venue divergence when given). The bar's score is the
 * largest feature score; the reason names every feature at or above the hit level (or the top one).
 */
export function createBarAnomalyDetector(options: BarAnomalyDetectorOptions = {}): BarAnomalyDetector {
  return buildBar(options, null);
}

export function restoreBarAnomalyDetector(
  snapshot: AnomalyDetectorSnapshot,
  options: BarAnomalyDetectorOptions = {},
): BarAnomalyDetector {
  if (snapshot.kind !== 'bar' || snapshot.version !== SNAPSHOT_VERSION)
    throw new RangeError(`not a bar detector snapshot of version ${SNAPSHOT_VERSION}`);
  return buildBar({ ...options, seed: snapshot.seed }, snapshot.state);
}

function buildBar(options: BarAnomalyDetectorOptions, state: unknown): BarAnomalyDetector {
  const seed = options.seed ?? 1;
  const window = options.window ?? 128;
  const hitLevel = options.hitLevel ?? 0.4;
  const likelihood = { ...DEFAULT_LIKELIHOOD, ...options.likelihood };
  const ensembles = new Map<BarFeature, FeatureEnsemble>(
    BAR_FEATURES.map((f) => [f, new FeatureEnsemble(f, [new RobustZPart(window), new SpatialPart()], likelihood)]),
  );
  const suppression = new Suppression(hitLevel, options.holdFor ?? 10);
  const model = options.learned?.({ inputSize: BAR_FEATURES.length, seed });
  const mix = model ? new FeatureMix(BAR_FEATURES, model, window, likelihood) : null;
  let previous: BarSample | null = null;
  if (state !== null) {
    const s = state as {
      ensembles: Record<string, unknown>;
      suppression: unknown;
      previous: BarSample | null;
      mix?: unknown;
    };
    for (const [f, e] of ensembles) e.restore(s.ensembles[f]);
    if (mix && s.mix !== undefined) mix.restore(s.mix);
    suppression.restore(s.suppression);
    previous = s.previous;
  }

  const score = (bar: BarSample, commit: boolean): AnomalyScore => {
    const values = barFeatures(bar, previous);
    const readings: [BarFeature | 'feature mix', FeatureReading][] = [];
    for (const [f, e] of ensembles) {
      const v = values[f];
      if (!Number.isFinite(v)) continue;
      readings.push([f, commit ? e.update(v) : e.read(v)]);
    }
    if (mix) {
      const m = mix.read(values);
      if (commit) mix.learn(values, m.surprise);
      readings.push([
        'feature mix',
        { score: m.score, parts: [{ name: 'autoencoder', score: m.score }], driver: 'autoencoder', detail: m.detail },
      ]);
    }
    if (commit) previous = bar;
    const top = Math.max(0, ...readings.map(([, r]) => r.score));
    const final = suppression.read(top);
    if (commit) suppression.learn(final);
    const parts: AnomalyPartScore[] = readings.flatMap(([f, r]) =>
      r.parts.map((p) => ({ name: `${f} · ${p.name}`, score: p.score })),
    );
    return { score: final, parts, reason: explain(readings, top, hitLevel, final < top) };
  };

  return {
    features: BAR_FEATURES,
    update: (bar) => score(bar, true),
    preview: (bar) => score(bar, false),
    snapshot: () => ({
      kind: 'bar',
      version: SNAPSHOT_VERSION,
      seed,
      state: {
        ensembles: Object.fromEntries([...ensembles].map(([f, e]) => [f, e.snapshot()])),
        suppression: suppression.snapshot(),
        previous,
        ...(mix ? { mix: mix.snapshot() } : {}),
      },
    }),
    dispose: () => model?.dispose(),
  };
}

function explain(
  readings: readonly [BarFeature | 'feature mix', FeatureReading][],
  top: number,
  hitLevel: number,
  suppressed: boolean,
): string {
  const ranked = readings.filter(([, r]) => r.detail !== '').sort((a, b) => b[1].score - a[1].score);
  if (ranked.length === 0 || top <= 0) return 'nothing unusual';
  const hits = ranked.filter(([, r]) => r.score >= hitLevel);
  const named = (hits.length > 0 ? hits : ranked.slice(0, 1)).map(([f, r]) => `${f} (${r.driver}: ${r.detail})`);
  return named.join('; ') + (suppressed ? ' — same event as a recent hit' : '');
}
