import { QUIET, type DetectorPart, type PartReading } from './part';

/**
 * Frozen values: a run of one repeated value longer than twice the longest run seen before (and at
 * least `minRun`) is a full surprise, once, when the run crosses that length. A stuck sensor or a
 * stale feed repeats its last value; the statistical parts see nothing unusual in "no change".
 */
export class FlatRunPart implements DetectorPart {
  readonly name = 'frozen';
  readonly calibrated = true;
  private last = NaN;
  private run = 0;
  private longest = 0;
  private seen = 0;

  constructor(
    readonly minRun = 8,
    readonly minHistory = 32,
  ) {}

  private limit(): number {
    return Math.max(this.minRun, 2 * this.longest);
  }

  read(x: number): PartReading {
    const run = x === this.last ? this.run + 1 : 1;
    if (this.seen < this.minHistory || run !== this.limit()) return QUIET;
    return { surprise: 1, detail: `value unchanged for ${run} observations (longest run before: ${this.longest})` };
  }

  learn(x: number): void {
    this.seen++;
    if (x === this.last) this.run++;
    else {
      // A run counts towards "longest" once it has ended, so the current one is judged against the past.
      if (this.run > this.longest) this.longest = this.run;
      this.run = 1;
      this.last = x;
    }
  }

  snapshot(): unknown {
    return { last: Number.isNaN(this.last) ? null : this.last, run: this.run, longest: this.longest, seen: this.seen };
  }

  restore(state: unknown): void {
    const s = state as { last: number | null; run: number; longest: number; seen: number };
    this.last = s.last ?? NaN;
    this.run = s.run;
    this.longest = s.longest;
    this.seen = s.seen;
  }
}
