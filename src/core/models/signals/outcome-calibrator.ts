/** Bins of |score| in [0, 1). */
export const SCORE_BINS = 10;
/** Pseudo-outcomes at the overall rate added to each bin, so a thin bin is pulled to the mean. */
const PRIOR_WEIGHT = 20;
/** Pseudo-outcomes at the rate over every group added to a group, so a new regime starts from what is known. */
const GROUP_PRIOR_WEIGHT = 100;

interface Cell {
  n: number;
  worked: number;
  /** Sum of realised R multiples (profit over the risk to the stop, before costs). */
  r: number;
}

export interface Calibration {
  /** Calibrated probability that the trade works. */
  readonly p: number;
  /** Mean realised R multiple of past trades like it (prior-weighted). */
  readonly meanR: number;
  /** Resolved past trades in its group (its regime). */
  readonly samples: number;
}

/**
 * Maps a raw score to the probability that its trade works, learnt only from trades already
 * judged (the walk-forward feeds an outcome once its horizon has passed). One table per group
 * (the regime state, or -1 without one): counts per |score| bin, smoothed towards the group's
 * rate (itself smoothed towards the rate over all groups), then made non-decreasing in |score| by pool-adjacent-violators (isotonic regression).
 * Bounded memory: SCORE_BINS cells per group.
 */
export class OutcomeCalibrator {
  private readonly groups = new Map<number, Cell[]>();
  private readonly all: Cell = { n: 0, worked: 0, r: 0 };

  private cells(group: number): Cell[] {
    let cells = this.groups.get(group);
    if (cells === undefined) {
      cells = [...Array(SCORE_BINS)].map(() => ({ n: 0, worked: 0, r: 0 }));
      this.groups.set(group, cells);
    }
    return cells;
  }

  static bin(score: number): number {
    return Math.min(SCORE_BINS - 1, Math.floor(Math.abs(score) * SCORE_BINS));
  }

  record(group: number, score: number, worked: boolean, rMultiple: number): void {
    const cell = this.cells(group)[OutcomeCalibrator.bin(score)] as Cell;
    cell.n++;
    if (worked) cell.worked++;
    cell.r += rMultiple;
    this.all.n++;
    if (worked) this.all.worked++;
    this.all.r += rMultiple;
  }

  calibrate(group: number, score: number): Calibration {
    const cells = this.cells(group);
    const total = cells.reduce((s, c) => s + c.n, 0);
    const allRate = this.all.n === 0 ? 0.5 : this.all.worked / this.all.n;
    const allR = this.all.n === 0 ? 0 : this.all.r / this.all.n;
    const rate =
      (cells.reduce((s, c) => s + c.worked, 0) + GROUP_PRIOR_WEIGHT * allRate) / (total + GROUP_PRIOR_WEIGHT);
    const meanR = (cells.reduce((s, c) => s + c.r, 0) + GROUP_PRIOR_WEIGHT * allR) / (total + GROUP_PRIOR_WEIGHT);
    // Pool adjacent violators over the smoothed bin rates, weighted by count + prior.
    const blocks: { w: number; p: number; r: number; end: number }[] = [];
    cells.forEach((c, i) => {
      const w = c.n + PRIOR_WEIGHT;
      blocks.push({ w, p: (c.worked + PRIOR_WEIGHT * rate) / w, r: (c.r + PRIOR_WEIGHT * meanR) / w, end: i });
      for (;;) {
        const b = blocks[blocks.length - 1];
        const a = blocks[blocks.length - 2];
        if (a === undefined || b === undefined || a.p <= b.p) break;
        blocks.length -= 2;
        const w2 = a.w + b.w;
        blocks.push({ w: w2, p: (a.p * a.w + b.p * b.w) / w2, r: (a.r * a.w + b.r * b.w) / w2, end: b.end });
      }
    });
    const bin = OutcomeCalibrator.bin(score);
    const block = blocks.find((b) => b.end >= bin) as { p: number; r: number };
    return { p: block.p, meanR: block.r, samples: total };
  }
}
