/**
 * Closes of one series by time, for "move within a window": the reference of a value at time t
 * is the newest committed close at or before t − windowMs. Keeps only what the longest window
 * needs (amortised O(1) per bar).
 */
export class CloseTrail {
  private readonly times: number[] = [];
  private readonly closes: number[] = [];
  private head = 0;

  constructor(readonly keepMs: number) {}

  push(timeMs: number, close: number): void {
    this.times.push(timeMs);
    this.closes.push(close);
    // Keep one entry at or before the oldest anchor any window can ask for.
    const oldest = timeMs - this.keepMs;
    while (this.times.length - this.head >= 2 && (this.times[this.head + 1] as number) <= oldest) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.closes.splice(0, this.head);
      this.head = 0;
    }
  }

  /** The newest close at or before `timeMs`, or null when the trail does not reach back that far. */
  at(timeMs: number): number | null {
    let lo = this.head;
    let hi = this.times.length - 1;
    if (hi < lo || (this.times[lo] as number) > timeMs) return null;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.times[mid] as number) <= timeMs) lo = mid;
      else hi = mid - 1;
    }
    return this.closes[lo] as number;
  }
}
