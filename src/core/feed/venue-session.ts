import {
  planConnections,
  type ConnectionPlan,
  type ControlEvent,
  type FrameSink,
  type VenueProfile,
} from '../exchange/adapter';
import type { OutageTracker } from '../exchange/integrity/outage-tracker';
import { parseGuarded } from '../exchange/guard-parse';
import { redactSecrets } from '../exchange/redact';
import { subscribedOnly } from '../exchange/subscribed-sink';
import type { LiveVenueId } from '../exchange/registry';
import { instrumentKey, type InstrumentKey } from '../exchange/types';
import { Backoff } from './backoff';
import { BackfillScheduler, DEFAULT_BACKFILL_TIMING } from './backfill-scheduler';
import { FeedConnection } from './connection';
import type { ConnectionState } from './connection-state';
import type { FeedConfig } from './feed-config';
import type { BackfillAvailability } from './feed-health';
import type { FeedDeps } from './feed-ports';
import type { IngestPipeline } from './ingest-pipeline';
import { originOf } from './endpoint-policy';
import { probeVenue } from './rest-probe';
import { restBaseFor, wsBasesFor } from './venue-endpoints';

/**
 * Pause between backfill pages per venue, under each venue's public REST budget: Binance weighs
 * historicalTrades 25 of 6000/min; Coinbase allows ~8 req/s; Kraken's public counter decays ~1/s;
 * OKX history-trades allows 20 per 2 s.
 */
const BACKFILL_PAGE_PAUSE_MS: Readonly<Partial<Record<LiveVenueId, number>>> = { kraken: 1_100, coinbase: 150 };
/** A connection live this long resets its backoff. */
const STABLE_AFTER_MS = 60_000;
/** Stale budget when a venue gives none at all. */
const FALLBACK_STALE_MS = 120_000;
/** Failed handshakes in a row that mean a token venue refuses the key (401 looks like 1006 to a page). */
const AUTH_HANDSHAKE_FAILURES = 3;

export interface Rate {
  atMs: number;
  frames: number;
  trades: number;
  framesPerSec: number;
  tradesPerSec: number;
}

export interface ConnectionRuntime {
  readonly id: string;
  readonly venue: VenueSession;
  readonly plan: ConnectionPlan;
  readonly connection: FeedConnection;
  state: ConnectionState;
  /** A final state (region-blocked, rejected) that holds until the settings change. */
  override: ConnectionState | null;
  trades: number;
  rate: Rate;
  /** Whether the socket opened since the last connect attempt began. */
  opened: boolean;
  /** Whether it ever opened: a later open is a reconnect, with a hole behind it. */
  everOpened: boolean;
  failedHandshakes: number;
  /** Not retrying while the demo stands in (see `LiveRetryPause`); shown instead of `state`. */
  paused: ConnectionState | null;
}

/** What a venue session needs from the feed that runs it. */
export interface VenueHost {
  readonly config: FeedConfig;
  readonly deps: FeedDeps;
  readonly pipeline: IngestPipeline;
  readonly outages: OutageTracker;
  scheduleFrame(): void;
  /** Health must go out with the next frame. */
  healthChanged(): void;
  /** Live trades arrived on a connection (the feed leaves the demo on the first). */
  liveTrades(added: number): void;
  /** The venue reset its book: the cached quote of `key` is void. */
  dropQuote(key: InstrumentKey): void;
  /** A connection went live. */
  connectionLive(): void;
  /** A venue reached a final state: in auto mode, the demo may have to take over. */
  checkAllDown(): void;
  readonly stopped: boolean;
}

/**
 * One live venue of the watch list: `planConnections` decides the sockets; each gets its own
 * FeedConnection (backoff, stale watchdog on the venue's budget, app pings, paced subscribes) and
 * routes frames to its endpoint's parser. One REST probe (region blocks, CORS), one backfill queue.
 */
export class VenueSession {
  readonly rest: string;
  readonly connections: ConnectionRuntime[] = [];
  readonly rejectedSymbols = new Map<string, string>();
  /** Id gaps: grace, REST passes, outcomes. */
  readonly filler: BackfillScheduler;
  /** Outage gaps recorded (venues whose ids cannot show a hole). */
  outages = 0;
  backfill: BackfillAvailability = 'unknown';
  /** Settles when the REST probe has answered (or was skipped). */
  probed: Promise<void> = Promise.resolve();
  /** The probe failed before any socket opened (offline?): ask again when one does. */
  private probeWhenOpen = false;

  constructor(
    readonly venue: LiveVenueId,
    readonly profile: VenueProfile,
    readonly symbols: readonly string[],
    private readonly host: VenueHost,
  ) {
    const { deps } = host;
    const rest = (this.rest = restBaseFor(venue, host.config.endpoints[venue]));
    const source = profile.backfill[0];
    this.filler = new BackfillScheduler(
      venue,
      () => (source !== undefined && this.backfill !== 'refused' && this.backfill !== 'blocked' ? source : null),
      rest,
      () => this.probed,
      {
        clock: deps.clock,
        fetchText: deps.fetchText,
        integrity: host.pipeline.integrityOf(venue),
        deliver: (trades) => {
          const { tooLate } = host.pipeline.backfill(trades);
          host.scheduleFrame();
          return tooLate;
        },
        outcome: (gap, state, detail) => {
          deps.store.recordGap(gap, state, detail);
          host.healthChanged();
          host.scheduleFrame();
        },
        stopped: () => host.stopped,
      },
      { ...DEFAULT_BACKFILL_TIMING, pagePauseMs: BACKFILL_PAGE_PAUSE_MS[venue] ?? DEFAULT_BACKFILL_TIMING.pagePauseMs },
    );
  }

  /** Ids show holes on consecutive-id venues; elsewhere a reconnect is where trades can go missing. */
  get tracksOutages(): boolean {
    return this.profile.gapRule !== 'consecutive';
  }

  start(): void {
    const { profile, host } = this;
    const token = profile.auth === 'token-in-url' ? host.config.finnhubToken?.trim() : undefined;
    const subscription = {
      symbols: this.symbols,
      trades: true,
      quotes: true,
      ...(token !== undefined && token !== '' ? { token } : {}),
      ...(token !== undefined && host.config.finnhubTokenOrigin !== undefined
        ? { tokenOrigin: host.config.finnhubTokenOrigin }
        : {}),
    };
    const plans = planConnections(profile, subscription, wsBasesFor(profile, host.config.endpoints[this.venue]?.ws));
    const perEndpoint = new Map<string, number>();
    for (const plan of plans) perEndpoint.set(plan.endpoint.name, (perEndpoint.get(plan.endpoint.name) ?? 0) + 1);
    const seen = new Map<string, number>();
    for (const plan of plans) {
      const name = plan.endpoint.name;
      const index = (seen.get(name) ?? 0) + 1;
      seen.set(name, index);
      const id =
        plans.length === 1 ? this.venue : `${this.venue}-${name}${(perEndpoint.get(name) ?? 0) > 1 ? `-${index}` : ''}`;
      this.connections.push(this.createConnection(plan, id));
    }
    if (profile.auth === 'token-in-url' && subscription.token === undefined) {
      this.finalState({
        kind: 'rejected',
        detail: `${profile.label} needs an API token: add yours in Settings`,
      });
      return;
    }
    for (const c of this.connections) c.connection.start();
    this.probe();
  }

  private probe(): void {
    this.probeWhenOpen = false;
    this.probed = probeVenue(this, this.host.deps, {
      blocked: (state) => this.finalState(state),
      changed: () => this.host.scheduleFrame(),
      reachable: () => this.connections.some((c) => c.opened),
    }).then((settled) => {
      if (settled || this.host.stopped) return;
      if (this.connections.some((c) => c.opened)) this.probe();
      else this.probeWhenOpen = true;
    });
  }

  /** Stops every connection in a state that holds until the settings change. */
  finalState(state: ConnectionState): void {
    for (const c of this.connections) {
      if (c.override !== null) continue;
      c.override = state;
      c.connection.stop();
    }
    this.host.healthChanged();
    this.host.checkAllDown();
    this.host.scheduleFrame();
  }

  private createConnection(plan: ConnectionPlan, id: string): ConnectionRuntime {
    const { host } = this;
    const endpoint = plan.endpoint;
    const pacing = endpoint.pacing;
    const runtime: Omit<ConnectionRuntime, 'connection'> & { connection?: FeedConnection } = {
      id,
      venue: this,
      plan,
      state: { kind: 'idle' },
      override: null,
      trades: 0,
      rate: { atMs: 0, frames: 0, trades: 0, framesPerSec: 0, tradesPerSec: 0 },
      opened: false,
      everOpened: false,
      failedHandshakes: 0,
      paused: null,
    };
    const sink: FrameSink = subscribedOnly(plan.subscription.symbols, {
      trade: (t) => host.pipeline.trade(t),
      quote: (q) => host.pipeline.quote(q),
      control: (event) => {
        host.pipeline.control(event);
        this.onControl(runtime as ConnectionRuntime, event);
      },
      reject: (reason, detail) => host.pipeline.reject(reason, detail),
    });
    const connection = new FeedConnection(
      {
        url: plan.url,
        subscribeMessages: plan.subscribeMessages,
        staleAfterMs: this.staleBudget(plan),
        ...(endpoint.keepAlive !== null
          ? { ping: { text: endpoint.keepAlive.text, everyMs: endpoint.keepAlive.everyMs } }
          : {}),
        minSendIntervalMs: Math.ceil(1000 / Math.max(0.1, pacing.maxMessagesPerSecond)),
        stableAfterMs: STABLE_AFTER_MS,
        backoff: new Backoff(500, 30_000, host.deps.random ?? Math.random),
      },
      host.deps.socketFactory,
      host.deps.clock,
      {
        onFrame: (frame, receivedAtMs) => {
          const before = host.pipeline.trades;
          parseGuarded(endpoint.adapter.parse, frame, receivedAtMs, sink);
          const added = host.pipeline.trades - before;
          runtime.trades += added;
          host.liveTrades(added);
          host.scheduleFrame();
        },
        onState: (state) => this.onConnectionState(runtime as ConnectionRuntime, state),
        onOpen: () => {
          runtime.opened = true;
          runtime.failedHandshakes = 0;
          if (runtime.everOpened && plan.subscription.trades && this.tracksOutages)
            host.outages.interrupt(this.venue, plan.subscription.symbols);
          runtime.everOpened = true;
          if (this.probeWhenOpen) this.probe();
        },
      },
    );
    runtime.connection = connection;
    // The callbacks above only run once the socket opens, after this.
    return runtime as ConnectionRuntime;
  }

  /**
   * How long a socket may stay silent: the endpoint's own silence budget where heartbeats or pongs
   * guarantee traffic, else the smallest budget of the channels it carries (the silent-socket
   * case: Binance's retired USD-M URL opens fine and then sends nothing).
   */
  private staleBudget(plan: ConnectionPlan): number {
    const { profile } = this;
    if (plan.endpoint.silenceMs !== null) return plan.endpoint.silenceMs;
    const budgets: number[] = [];
    if (plan.subscription.trades && profile.stale.tradesMs !== null) budgets.push(profile.stale.tradesMs);
    if (plan.subscription.quotes && profile.stale.quotesMs !== null) budgets.push(profile.stale.quotesMs);
    return budgets.length > 0 ? Math.min(...budgets) : FALLBACK_STALE_MS;
  }

  /** On a custom host, the token goes only with the user's opt-in for it: say so where it matters. */
  private tokenNote(c: ConnectionRuntime): string {
    const host = originOf(c.plan.url);
    if (host === null || host === originOf(c.plan.endpoint.defaultBase)) return '';
    return c.plan.subscription.tokenOrigin !== undefined && originOf(c.plan.subscription.tokenOrigin) === host
      ? ''
      : ` (your token is sent only to ${this.profile.label}'s own server unless you allow ${host} under Settings → Endpoints)`;
  }

  private onConnectionState(c: ConnectionRuntime, state: ConnectionState): void {
    c.state = state;
    if (state.kind === 'connecting') c.opened = false;
    if (state.kind === 'reconnecting' && !c.opened) {
      c.failedHandshakes++;
      const { profile } = this;
      if (profile.auth === 'token-in-url' && c.failedHandshakes >= AUTH_HANDSHAKE_FAILURES) {
        // Deferred: the connection is still inside its own state change.
        this.host.deps.clock.setTimeout(
          () =>
            this.finalState({
              kind: 'rejected',
              detail: `${profile.label} refused the connection ${AUTH_HANDSHAKE_FAILURES} times in a row: check the API token in Settings${this.tokenNote(c)}`,
            }),
          0,
        );
      }
    }
    if (state.kind === 'live') this.host.connectionLive();
    this.host.scheduleFrame();
  }

  private onControl(c: ConnectionRuntime, event: ControlEvent): void {
    const { host } = this;
    switch (event.kind) {
      case 'reconnect':
        c.connection.reconnectNow(event.reason);
        return;
      case 'error': {
        if (event.auth === true) {
          this.finalState({
            kind: 'rejected',
            detail: `${this.profile.label} refused the API token: ${redactSecrets(event.message)}`,
          });
          return;
        }
        if (event.symbol === undefined) return;
        this.rejectedSymbols.set(event.symbol, redactSecrets(event.message).slice(0, 200));
        const refused = (s: string) =>
          [...this.rejectedSymbols.keys()].some((r) => r.toUpperCase() === s.toUpperCase());
        if (c.plan.subscription.symbols.every(refused) && c.override === null) {
          c.override = {
            kind: 'rejected',
            detail: `${this.profile.label} refused every symbol: ${redactSecrets(event.message)}`,
          };
          c.connection.stop();
          host.checkAllDown();
        }
        host.healthChanged();
        return;
      }
      case 'heartbeat':
        if (event.symbol !== undefined && event.lastTradeId !== undefined) {
          host.pipeline
            .integrityOf(this.venue)
            .observeLastId(this.venue, event.symbol, event.lastTradeId, event.timeMs ?? host.deps.clock.now());
        }
        return;
      case 'reset': {
        const symbols = event.symbol !== undefined ? [event.symbol] : c.plan.subscription.symbols;
        const keys = symbols.map((s) => instrumentKey(this.venue, s));
        for (const key of keys) host.dropQuote(key);
        host.scheduleFrame();
        return;
      }
      default:
        return;
    }
  }
}
