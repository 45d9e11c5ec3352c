import { QUIET, type DetectorPart, type PartReading } from './part';

/**
 * Running-range ("spatial") check, as Numenta's NAB detector does: a value beyond everything seen
 * so far by more than `tolerance` of the range is a full surprise. Slow drifts that stay inside the
 * range pass; breakouts to new extremes do not.
 */
export class SpatialPart implements DetectorPart {
  readonly name = 'range';
  readonly calibrated: boolean;
  private min = Infinity;
  private max = -Infinity;
  private seen = 0;

  /**
   * `rarity` (measurement only, test/nab): a breakout after n values scores by how rare a new
   * extreme is among exchangeable values (2 / (n + 1), both sides), log10((n + 1) / 2) / 2 capped at
   * 1, so full surprise needs ~200 values. `throughLikelihood`: the breakout goes through the
   * ensemble's anomaly likelihood like the uncalibrated parts.
   */
  constructor(
    readonly tolerance = 0.05,
    readonly minHistory = 8,
    readonly variant: { readonly rarity?: boolean; readonly throughLikelihood?: boolean } = {},
  ) {
    this.calibrated = variant.throughLikelihood !== true;
  }

  private get breakout(): number {
    return this.variant.rarity === true ? Math.min(1, Math.log10((this.seen + 1) / 2) / 2) : 1;
  }

  read(x: number): PartReading {
    if (this.seen < this.minHistory || !(this.max > this.min)) return QUIET;
    const margin = (this.max - this.min) * this.tolerance;
    if (x > this.max + margin) return { surprise: this.breakout, detail: 'value above its running range' };
    if (x < this.min - margin) return { surprise: this.breakout, detail: 'value below its running range' };
    return QUIET;
  }

  learn(x: number): void {
    this.seen++;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  snapshot(): unknown {
    return { min: this.min, max: this.max, seen: this.seen };
  }

  restore(state: unknown): void {
    const s = state as { min: number | null; max: number | null; seen: number };
    // JSON turns ±Infinity into null.
    this.min = s.min ?? Infinity;
    this.max = s.max ?? -Infinity;
    this.seen = s.seen;
  }
}
