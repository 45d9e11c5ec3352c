import type { BarFeature } from './bar-features';
import type { LearnedPart } from './learned-part';
import { AnomalyLikelihood, type LikelihoodOptions } from './likelihood';
import { RingBuffer } from './ring-buffer';
import { robustLocation } from './robust-scale';

/**
 * The learned part over a bar's whole feature vector: each feature as a robust z-score against its
 * own recent bars, squashed by tanh(z / 4) into (−1, 1) (a missing feature is 0, "typical"), is the
 * autoencoder's input. Its reconstruction error flags combinations the bars so far never showed —
 * heavy volume on a flat price, a wide range on few trades — even when no single feature is extreme.
 */
export class FeatureMix {
  private rings: Map<BarFeature, RingBuffer>;
  private readonly scratch: Float64Array;
  private readonly likelihood: AnomalyLikelihood;
  private readonly input: Float64Array;
  private readonly z: Float64Array;

  constructor(
    readonly features: readonly BarFeature[],
    readonly model: LearnedPart,
    readonly window: number,
    likelihood: LikelihoodOptions,
  ) {
    this.rings = new Map(features.map((f) => [f, new RingBuffer(window)]));
    this.scratch = new Float64Array(window);
    this.likelihood = new AnomalyLikelihood(likelihood);
    this.input = new Float64Array(features.length);
    this.z = new Float64Array(features.length);
  }

  /** Calibrated score and the features that stand out (|z| ≥ 2), without learning. */
  read(values: Record<BarFeature, number>): { score: number; surprise: number; detail: string } {
    this.encode(values);
    const error = this.model.error(this.input);
    const surprise = Number.isFinite(error) ? Math.min(1, error) : 0;
    const standing = this.features.filter((_, i) => Math.abs(this.z[i] as number) >= 2);
    const detail = `unusual mix of features (reconstruction error ${Number.isFinite(error) ? error.toFixed(3) : 'n/a'}${
      standing.length > 0 ? `; ${standing.join(', ')} off their median` : ''
    })`;
    return { score: this.likelihood.read(surprise), surprise, detail };
  }

  learn(values: Record<BarFeature, number>, surprise: number): void {
    this.encode(values);
    this.likelihood.learn(surprise);
    this.model.learn(this.input);
    this.features.forEach((f) => {
      const v = values[f];
      if (Number.isFinite(v)) (this.rings.get(f) as RingBuffer).push(v);
    });
  }

  private encode(values: Record<BarFeature, number>): void {
    this.features.forEach((f, i) => {
      const ring = this.rings.get(f) as RingBuffer;
      const v = values[f];
      let z = 0;
      if (Number.isFinite(v) && ring.length >= 8) {
        const { median, scale } = robustLocation(ring, this.scratch);
        z = scale > 0 ? (v - median) / scale : v === median ? 0 : Math.sign(v - median) * 8;
      }
      this.z[i] = z;
      this.input[i] = Math.tanh(z / 4);
    });
  }

  snapshot(): unknown {
    return {
      rings: Object.fromEntries([...this.rings].map(([f, r]) => [f, r.toArray()])),
      likelihood: this.likelihood.snapshot(),
      model: this.model.snapshot(),
    };
  }

  restore(state: unknown): void {
    const s = state as { rings: Record<string, number[]>; likelihood: unknown; model: unknown };
    this.rings = new Map(this.features.map((f) => [f, RingBuffer.fromArray(this.window, s.rings[f] ?? [])]));
    this.likelihood.restore(s.likelihood);
    this.model.restore(s.model);
  }
}
