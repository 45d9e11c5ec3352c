import type { IncomingMessage, ServerResponse } from 'node:http';
import { WebSocket } from 'ws';
import type { Quote, VenueId } from '../../src/core/exchange/types';
import {
  applyTradeFaults,
  emptyFaultLog,
  resolveFaults,
  type FaultLog,
  type FaultOverrides,
  type Faults,
} from './faults';
import type { EmittedTrade, Tape } from './tape';

export type { Faults, FaultOverrides } from './faults';

/** Timings of the mock venues; the defaults are the real venues', tests shorten them. */
export interface MockOptions {
  /** Kraken `heartbeat`, Coinbase `heartbeat`, Finnhub `{"type":"ping"}` cadence (venues: ~1 s). */
  readonly heartbeatMs: number;
  /** Binance server ping frames (spot 20 s, USD-M 3 min); null: none. */
  readonly pingFrameMs: number | null;
  /** OKX closes a socket after this long with no traffic either way (30 s). */
  readonly okxIdleMs: number;
  /** Coinbase closes a socket that has not subscribed this soon after open (5 s). */
  readonly coinbaseSubscribeWithinMs: number;
}

export const DEFAULT_MOCK_OPTIONS: MockOptions = {
  heartbeatMs: 1_000,
  pingFrameMs: 20_000,
  okxIdleMs: 30_000,
  coinbaseSubscribeWithinMs: 5_000,
};

/** One venue's wire protocol on the mock: its websocket paths and REST routes. */
export interface MockVenue {
  readonly name: string;
  /** Does this venue serve the websocket upgrade at this path? */
  acceptsWs(url: URL): boolean;
  /** HTTP status to refuse the upgrade with (Finnhub without a valid token: 401), or null. */
  refuseUpgrade?(url: URL): number | null;
  onConnection(socket: WebSocket, url: URL): void;
  /** Handles a REST request; returns false if the route is not this venue's. */
  handleHttp(url: URL, req: IncomingMessage, res: ServerResponse): boolean;
  /** Closes every open socket (a venue-side drop). */
  dropAll(code?: number): void;
  /** Stops timers and closes sockets. */
  stop?(): void;
  readonly connectionsOpened: number;
  readonly openConnections: number;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  options: { cors?: boolean; headers?: Record<string, string> } = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    // Simple GETs are CORS-enabled on most venues we mirror (Bybit: not).
    ...(options.cors === false ? {} : { 'access-control-allow-origin': '*' }),
    ...options.headers,
  });
  res.end(JSON.stringify(body));
}

/** What every mock keeps per socket. */
export interface ClientBase {
  readonly socket: WebSocket;
  readonly url: URL;
  /** Venue-style connection id (Bybit `conn_id`, OKX `connId`). */
  readonly connId: string;
  /** Last time the client sent us anything / we sent it anything (ms). */
  lastInMs: number;
  lastOutMs: number;
}

/**
 * The machinery every venue mock shares: sockets, the fault pipeline between the tape and the
 * wire, one-shot faults on command, REST routing with fault statuses and the venue's CORS.
 *
 * Subclasses implement the protocol: `createClient`, `onMessage`, `broadcast` (trades already
 * faulted), `ownsHttp`/`serveHttp`/`restError`, and optionally `reconnectNotice` and `opened`.
 */
export abstract class VenueMockBase<C extends ClientBase = ClientBase> implements MockVenue {
  abstract readonly name: VenueId;
  /** Per-venue fault overrides over `MockExchange.faults`; set a field to override, delete it to fall back. */
  readonly faults: FaultOverrides = {};
  /** What the faults did to this venue's trades (dropped = ids missing on every socket). */
  readonly faultLog: FaultLog<EmittedTrade> = emptyFaultLog();
  /** Does this venue's REST send `Access-Control-Allow-Origin: *`? */
  protected readonly cors: boolean = true;
  connectionsOpened = 0;
  protected readonly clients = new Set<C>();
  private readonly timers: NodeJS.Timeout[] = [];
  private connCounter = 0;

  constructor(
    protected readonly tape: Tape,
    private readonly globalFaults: Faults,
    protected readonly options: MockOptions,
  ) {
    tape.onTrades((trades, quotes) => this.fromTape(trades, quotes));
  }

  /** The faults in force for this venue now. */
  get effectiveFaults(): Faults {
    return resolveFaults(this.globalFaults, this.faults);
  }

  get openConnections(): number {
    return this.clients.size;
  }

  abstract acceptsWs(url: URL): boolean;
  protected abstract createClient(socket: WebSocket, url: URL, connId: string): C;
  protected abstract onMessage(client: C, text: string): void;
  /** Sends this venue's trades (after faults) and quotes of one tape tick to subscribed clients. */
  protected abstract broadcast(trades: readonly EmittedTrade[], quotes: readonly Quote[]): void;
  /** Is this REST request one of this venue's (by path prefix and, for Bybit, category)? */
  protected abstract ownsHttp(url: URL): boolean;
  protected abstract serveHttp(url: URL, res: ServerResponse): void;
  /** The venue's error body for a faulted status (429, 451, 5xx). */
  protected abstract restError(res: ServerResponse, status: number): void;
  /** Called once a client is connected (Kraken status, Coinbase subscribe deadline). */
  protected opened(_client: C): void {}

  onConnection(socket: WebSocket, url: URL): void {
    this.connectionsOpened++;
    const connId = `${this.name}-${++this.connCounter}`;
    const client = this.createClient(socket, url, connId);
    this.clients.add(client);
    socket.on('close', () => this.clients.delete(client));
    socket.on('message', (raw, isBinary) => {
      client.lastInMs = Date.now();
      if (!this.clients.has(client)) return;
      this.onMessage(client, isBinary ? '' : raw.toString());
    });
    this.opened(client);
  }

  /** Runs `fn` every `ms` until `stop()`. */
  protected every(ms: number, fn: (now: number) => void): void {
    const timer = setInterval(() => fn(Date.now()), ms);
    timer.unref();
    this.timers.push(timer);
  }

  /** Sends one frame unless the venue is silent or the socket is gone. */
  protected send(client: C, frame: string): void {
    if (this.effectiveFaults.silent || client.socket.readyState !== WebSocket.OPEN) return;
    client.socket.send(frame);
    client.lastOutMs = Date.now();
  }

  protected sendJson(client: C, body: unknown): void {
    this.send(client, JSON.stringify(body));
  }

  /** A data frame (trade, quote), preceded by the configured garbage frames. */
  protected sendData(client: C, body: unknown): void {
    const faults = this.effectiveFaults;
    if (faults.silent) return;
    for (const g of faults.garbage) this.send(client, g);
    this.send(client, typeof body === 'string' ? body : JSON.stringify(body));
  }

  /** Is the symbol refused on subscribe: unknown to the venue, or refused by the faults? */
  protected refused(symbol: string, known: readonly string[]): boolean {
    const r = this.effectiveFaults.refuseSymbols;
    return !known.includes(symbol) || r.includes(symbol) || r.includes('*');
  }

  private fromTape(all: readonly EmittedTrade[], allQuotes: readonly Quote[]): void {
    const trades = all.filter((t) => t.venue === this.name);
    const quotes = allQuotes.filter((q) => q.venue === this.name);
    if (trades.length === 0 && quotes.length === 0) return;
    const wire = applyTradeFaults(this.name, trades, this.effectiveFaults);
    this.faultLog.dropped.push(...wire.dropped);
    this.faultLog.duplicated.push(...wire.duplicated);
    this.faultLog.swapped.push(...wire.swapped);
    this.broadcast(wire.sent, quotes);
  }

  // ---- one-shot faults -------------------------------------------------------------------------

  /** Sends a raw frame to every client now (ignores `silent`: it is an explicit command). */
  sendRaw(frame: string): void {
    for (const c of this.clients) if (c.socket.readyState === WebSocket.OPEN) c.socket.send(frame);
  }

  /** Closes every socket: 1006 terminates abruptly (no close frame), anything else is a clean close. */
  dropAll(code = 1006): void {
    for (const c of this.clients) {
      if (code === 1006) c.socket.terminate();
      else c.socket.close(code, 'mock drop');
    }
  }

  /** Clean close with a close frame (e.g. 1001 going away, 1008 policy, 1013 try again later). */
  closeAll(code = 1000, reason = 'mock close'): void {
    for (const c of this.clients) c.socket.close(code, reason);
  }

  /** Abrupt drop: the TCP connection dies with no close frame (the client sees 1006). */
  terminateAll(): void {
    this.dropAll(1006);
  }

  /**
   * The venue's forced-reconnect notice (Binance `serverShutdown`, Bitstamp `bts:request_reconnect`,
   * OKX notice 64008). Venues without one (Coinbase, Kraken, Bybit, Finnhub) drop the socket
   * (1006), which is what they do in maintenance.
   */
  requestReconnect(): 'notice' | 'dropped' {
    const notice = this.reconnectNotice();
    if (notice === null) {
      this.terminateAll();
      return 'dropped';
    }
    this.sendRaw(notice);
    return 'notice';
  }

  protected reconnectNotice(): string | null {
    return null;
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
    this.dropAll(1001);
  }

  // ---- REST ------------------------------------------------------------------------------------

  handleHttp(url: URL, req: IncomingMessage, res: ServerResponse): boolean {
    if (!this.ownsHttp(url)) return false;
    if (req.method === 'OPTIONS') {
      // A preflight: venues do not allow custom headers, so any request needing one fails in a browser.
      res.writeHead(
        204,
        this.cors ? { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET' } : {},
      );
      res.end();
      return true;
    }
    const status = this.effectiveFaults.restStatus;
    if (status !== null) this.restError(res, status);
    else this.serveHttp(url, res);
    return true;
  }

  protected json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    sendJson(res, status, body, { cors: this.cors, headers });
  }
}

/** `2024-01-01T00:00:00.123456Z` from µs since the epoch. */
export function rfc3339Micros(timeUs: number): string {
  const ms = Math.floor(timeUs / 1000);
  const us = String(timeUs % 1000).padStart(3, '0');
  return new Date(ms).toISOString().replace('Z', `${us}Z`);
}

/** A deterministic UUID-shaped id (v4 layout) from any key. */
export function uuidFrom(...key: readonly (string | number)[]): string {
  const text = key.join('|');
  let hex = '';
  for (let round = 0; round < 4; round++) {
    let h = 0x811c9dc5 ^ Math.imul(round + 1, 0x9e3779b1);
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    hex += (h >>> 0).toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The JSON number form of a decimal text (Kraken v2, Finnhub and Bitstamp's float fields). */
export function num(text: string): number {
  return Number(text);
}

/** Splits a combined path after a venue prefix: `/kraken/0/public/Trades` → `/0/public/Trades`; null if not under it. */
export function under(prefix: string, pathname: string): string | null {
  if (pathname === prefix) return '';
  return pathname.startsWith(`${prefix}/`) ? pathname.slice(prefix.length) : null;
}
