import type { ConnectionRuntime } from './venue-session';
import type { Clock } from './socket';

/** While the demo stands in for unreachable exchanges, one connection tries again this often. */
export const LIVE_PROBE_EVERY_MS = 5 * 60_000;

const DETAIL = 'exchanges unreachable, the demo feed runs';

/**
 * Auto mode once the demo took over because no venue connected: the live connections stop
 * retrying (a socket error every few seconds helps nobody and fills the console) and one
 * connection at a time tries again every 5 minutes and when the browser comes back online. The
 * first that opens resumes them all; live trades then end the demo as usual.
 */
export class LiveRetryPause {
  private parked: ConnectionRuntime[] = [];
  private probing: ConnectionRuntime | null = null;
  private timer: unknown = null;
  private next = 0;

  constructor(
    private readonly clock: Clock,
    /** How long a probe gets to open before its connection is parked again. */
    private readonly probeTimeoutMs: number,
    private readonly changed: () => void,
  ) {}

  get active(): boolean {
    return this.parked.length > 0;
  }

  /** Stops the connections' retries and schedules the first probe. */
  pause(connections: Iterable<ConnectionRuntime>): void {
    for (const c of connections) {
      if (c.override !== null || c.paused !== null) continue;
      c.connection.stop();
      this.parked.push(c);
    }
    this.schedule(LIVE_PROBE_EVERY_MS);
  }

  /** The browser is back online: probe at once. */
  online(): void {
    if (this.active && this.probing === null) this.probe();
  }

  /** A connection went live: every parked one starts again. */
  resume(): void {
    this.clearTimer();
    const parked = this.parked;
    this.parked = [];
    this.probing = null;
    for (const c of parked) {
      if (c.paused === null) continue; // the probe itself, already running
      c.paused = null;
      if (c.override === null) c.connection.start();
    }
    this.changed();
  }

  stop(): void {
    this.clearTimer();
    this.parked = [];
    this.probing = null;
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    const at = this.clock.now() + delayMs;
    for (const c of this.parked)
      if (c !== this.probing) c.paused = { kind: 'paused', detail: DETAIL, nextProbeAtMs: at };
    this.timer = this.clock.setTimeout(() => this.probe(), delayMs);
    this.changed();
  }

  private probe(): void {
    const candidates = this.parked.filter((c) => c.override === null);
    if (candidates.length === 0) return;
    const c = candidates[this.next++ % candidates.length] as ConnectionRuntime;
    this.probing = c;
    c.paused = null;
    c.connection.start();
    this.changed();
    this.clearTimer();
    this.timer = this.clock.setTimeout(() => {
      if (this.probing !== c) return;
      // It did not open in time: back to waiting.
      this.probing = null;
      c.connection.stop();
      this.schedule(LIVE_PROBE_EVERY_MS);
    }, this.probeTimeoutMs);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
