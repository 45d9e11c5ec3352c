/**
 * Stalls of the thread this runs on: a 5 ms heartbeat timer that fires late means the thread
 * was busy (a long task) or not scheduled (a loaded machine). Works in workers, where the
 * 'longtask' PerformanceObserver does not exist.
 */
export class WorkerStalls {
  private timer: ReturnType<typeof setInterval> | null = null;
  private beatMs = 0;
  private found: number[] = [];

  constructor(
    private readonly everyMs = 5,
    /** A beat this much later than due counts as a stall. */
    private readonly thresholdMs = 50,
  ) {}

  start(): void {
    this.stop();
    this.found = [];
    this.beatMs = performance.now();
    this.timer = setInterval(() => {
      const now = performance.now();
      const late = now - this.beatMs - this.everyMs;
      if (late > this.thresholdMs) this.found.push(late);
      this.beatMs = now;
    }, this.everyMs);
  }

  /** The stalls' lengths in ms since `start`. */
  stop(): number[] {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    return this.found;
  }
}
