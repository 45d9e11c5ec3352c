import type { ControlEvent } from '../exchange/adapter';
import { Backoff } from './backoff';
import type { ConnectionState } from './connection-state';
import type { Clock, SocketFactory, SocketLike } from './socket';

export interface ConnectionOptions {
  readonly url: string;
  /** Sent in order after open, paced by `minSendIntervalMs`. */
  readonly subscribeMessages: readonly string[];
  /** Longest expected silence; past it the socket is treated as dead (half-open, retired URL). */
  readonly staleAfterMs: number;
  /** Application-level ping where the venue needs one (browsers cannot send ping frames). */
  readonly ping?: { readonly text: string; readonly everyMs: number };
  /** Venue's inbound message limit (Binance spot: 5/s). */
  readonly minSendIntervalMs: number;
  /** A connection live this long resets the backoff. */
  readonly stableAfterMs: number;
  readonly backoff?: Backoff;
}

export interface ConnectionEvents {
  /** Every text frame, with receive time; parsing is the caller's. */
  onFrame(frame: string, receivedAtMs: number): void;
  onState(state: ConnectionState): void;
  /** A (re)connect opened: the caller checks for gaps against what it had. */
  onOpen(): void;
}

/**
 * One resilient websocket: reconnects with jittered backoff, paces subscribe messages, sends
 * app-level pings, and treats a silent socket as dead. Knows nothing of any venue's payloads.
 */
export class FeedConnection {
  private socket: SocketLike | null = null;
  private readonly backoff: Backoff;
  private state: ConnectionState = { kind: 'idle' };
  private lastMessageMs = 0;
  private timers = new Set<unknown>();
  private stopped = false;
  framesReceived = 0;
  reconnects = 0;

  constructor(
    private readonly options: ConnectionOptions,
    private readonly factory: SocketFactory,
    private readonly clock: Clock,
    private readonly events: ConnectionEvents,
  ) {
    this.backoff = options.backoff ?? new Backoff();
  }

  get current(): ConnectionState {
    return this.state;
  }

  get lastMessageAgeMs(): number {
    return this.lastMessageMs === 0 ? Infinity : this.clock.now() - this.lastMessageMs;
  }

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    this.dropSocket();
    this.setState({ kind: 'stopped' });
  }

  /** Reconnect at once (network came back, tab became visible, venue asked us to). */
  reconnectNow(reason: string): void {
    if (this.stopped) return;
    if (this.state.kind === 'live' && reason === 'visible' && this.lastMessageAgeMs < this.options.staleAfterMs) return;
    this.clearTimers();
    this.dropSocket();
    this.backoff.reset();
    this.reconnects++;
    this.open();
  }

  /** The browser says we are offline: stop trying until it says online. */
  markOffline(): void {
    this.clearTimers();
    this.dropSocket();
    this.setState({ kind: 'offline' });
  }

  /** Lets the caller act on control events that concern the connection itself. */
  handleControl(event: ControlEvent): void {
    if (event.kind === 'reconnect') this.reconnectNow(event.reason);
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    this.events.onState(state);
  }

  private later(fn: () => void, ms: number): unknown {
    const handle = this.clock.setTimeout(() => {
      this.timers.delete(handle);
      fn();
    }, ms);
    this.timers.add(handle);
    return handle;
  }

  private clearTimers(): void {
    for (const t of this.timers) this.clock.clearTimeout(t);
    this.timers.clear();
  }

  private dropSocket(): void {
    const s = this.socket;
    this.socket = null;
    if (s === null) return;
    s.onopen = s.onmessage = s.onerror = null;
    s.onclose = null;
    try {
      s.close(1000, 'client reconnect');
    } catch {
      // Closing a socket that never opened throws in some browsers; it is gone either way.
    }
  }

  private open(): void {
    this.setState({ kind: 'connecting', attempt: this.backoff.attempts + 1 });
    let socket: SocketLike;
    try {
      socket = this.factory(this.options.url);
    } catch (error) {
      this.scheduleReconnect(error instanceof Error ? error.message : String(error));
      return;
    }
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.lastMessageMs = this.clock.now();
      const since = this.clock.now();
      this.setState({ kind: 'live', sinceMs: since });
      this.sendPaced(socket, [...this.options.subscribeMessages]);
      this.armWatchdog();
      this.armPing(socket);
      this.later(() => {
        if (this.socket === socket && this.state.kind === 'live') this.backoff.reset();
      }, this.options.stableAfterMs);
      this.events.onOpen();
    };
    socket.onmessage = (event) => {
      const now = this.clock.now();
      this.lastMessageMs = now;
      this.framesReceived++;
      if (this.state.kind === 'stale') this.setState({ kind: 'live', sinceMs: now });
      if (typeof event.data === 'string') this.events.onFrame(event.data, now);
    };
    socket.onerror = () => {
      // A close event always follows; reconnect there.
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.clearTimers();
      const why = opened ? `closed ${event.code}${event.reason ? ` ${event.reason}` : ''}` : 'could not connect';
      this.scheduleReconnect(why);
    };
  }

  private scheduleReconnect(lastError: string): void {
    if (this.stopped || this.state.kind === 'offline') return;
    const delay = this.backoff.next();
    this.reconnects++;
    this.setState({
      kind: 'reconnecting',
      nextAttemptAtMs: this.clock.now() + delay,
      attempt: this.backoff.attempts,
      lastError,
    });
    this.later(() => this.open(), delay);
  }

  private sendPaced(socket: SocketLike, messages: string[]): void {
    const message = messages.shift();
    if (message === undefined || this.socket !== socket) return;
    socket.send(message);
    if (messages.length > 0) this.later(() => this.sendPaced(socket, messages), this.options.minSendIntervalMs);
  }

  private armPing(socket: SocketLike): void {
    const ping = this.options.ping;
    if (ping === undefined) return;
    this.later(() => {
      if (this.socket !== socket) return;
      socket.send(ping.text);
      this.armPing(socket);
    }, ping.everyMs);
  }

  private armWatchdog(): void {
    const check = () => {
      if (this.socket === null) return;
      const silent = this.clock.now() - this.lastMessageMs;
      if (silent >= this.options.staleAfterMs) {
        this.setState({ kind: 'stale', silentMs: silent });
        this.clearTimers();
        this.dropSocket();
        this.scheduleReconnect(`silent for ${Math.round(silent / 1000)} s`);
        return;
      }
      this.later(check, Math.max(250, this.options.staleAfterMs - silent));
    };
    this.later(check, this.options.staleAfterMs);
  }
}
