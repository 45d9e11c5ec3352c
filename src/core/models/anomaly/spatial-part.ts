import { QUIET, type DetectorPart, type PartReading } from './part';

/**
 * Running-range ("spatial") check, as Numenta's NAB detector does: a value beyond everything seen
 * so far by more than `tolerance` of the range is a full surprise. Slow drifts that stay inside the
 * range pass; breakouts to new extremes do not.
 */
export class SpatialPart implements DetectorPart {
  readonly name = 'range';
  readonly calibrated = true;
  private min = Infinity;
  private max = -Infinity;
  private seen = 0;

  constructor(
    readonly tolerance = 0.05,
    readonly minHistory = 8,
  ) {}

  read(x: number): PartReading {
    if (this.seen < this.minHistory || !(this.max > this.min)) return QUIET;
    const margin = (this.max - this.min) * this.tolerance;
    if (x > this.max + margin) return { surprise: 1, detail: 'value above its running range' };
    if (x < this.min - margin) return { surprise: 1, detail: 'value below its running range' };
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
