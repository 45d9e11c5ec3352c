import type { PairFrame, PairRow } from '../../../core/analytics/analytics-view';

/** Rows kept on the page for the pair view: enough to scroll back through a session. */
export const MAX_PAIR_ROWS = 5_000;

/**
 * The pair rows the page holds, oldest first, one per open time. A `reset` frame replaces them;
 * a live frame updates the forming bar in place and appends new ones. `changedFrom` says from
 * which index the caller must redraw (0 after a reset or an out-of-order row).
 */
export class PairRows {
  private list: PairRow[] = [];

  get rows(): readonly PairRow[] {
    return this.list;
  }

  get latest(): PairRow | null {
    return this.list.at(-1) ?? null;
  }

  at(openTimeMs: number): PairRow | null {
    let lo = 0;
    let hi = this.list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const t = (this.list[mid] as PairRow).openTimeMs;
      if (t === openTimeMs) return this.list[mid] as PairRow;
      if (t < openTimeMs) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  }

  clear(): void {
    this.list = [];
  }

  apply(frame: PairFrame): { changedFrom: number } {
    if (frame.reset) this.list = [];
    let changedFrom = frame.reset ? 0 : this.list.length;
    for (const row of frame.rows) {
      const last = this.list.at(-1);
      if (last === undefined || row.openTimeMs > last.openTimeMs) {
        this.list.push(row);
      } else if (row.openTimeMs === last.openTimeMs) {
        this.list[this.list.length - 1] = row;
        changedFrom = Math.min(changedFrom, this.list.length - 1);
      } else {
        // An older bar (not expected from the stage): put it in its place and redraw all.
        const i = this.list.findIndex((r) => r.openTimeMs >= row.openTimeMs);
        if ((this.list[i] as PairRow).openTimeMs === row.openTimeMs) this.list[i] = row;
        else this.list.splice(i, 0, row);
        changedFrom = 0;
      }
    }
    if (this.list.length > MAX_PAIR_ROWS) {
      this.list.splice(0, this.list.length - MAX_PAIR_ROWS);
      changedFrom = 0;
    }
    return { changedFrom };
  }
}
