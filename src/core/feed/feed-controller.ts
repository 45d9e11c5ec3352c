import { CandleAggregator, DEFAULT_LATENESS_MS } from '../candles/aggregator';
import type { Candle, CandleUpdate } from '../candles/candle';
import { TIMEFRAMES, type TimeframeId } from '../candles/timeframe';
import { DemoMarket } from '../demo/demo-market';
import {
  planConnections,
  type ConnectionPlan,
  type ControlEvent,
  type FrameSink,
  type VenueProfile,
} from '../exchange/adapter';
import type { BackfillSource } from '../exchange/backfill';
import type { RecordedGap } from '../exchange/integrity/gap';
import { OutageTracker } from '../exchange/integrity/outage-tracker';
import { createOkxProfile } from '../exchange/okx/adapter';
import type { OkxContract } from '../exchange/okx/wire';
import { redactSecrets, redactUrl } from '../exchange/redact';
import { isLiveVenue, VENUE_PROFILES, type LiveVenueId } from '../exchange/registry';
import { instrumentKey, parseInstrumentKey, type Quote, type Trade, type VenueId } from '../exchange/types';
import { LISTING_SOURCES } from '../instruments/listing';
import { demoSymbolFor } from '../instruments/symbols';
import type { BackfillAvailability, ConnectionHealth, FeedHealth, VenueHealth } from '../pipeline/feed-health';
import { gapRulesFrom, IngestPipeline } from '../pipeline/ingest-pipeline';
import { Backoff } from './backoff';
import { BackfillScheduler, DEFAULT_BACKFILL_TIMING, type GapState } from './backfill-scheduler';
import { FeedConnection } from './connection';
import type { ConnectionState } from './connection-state';
import type { FetchText } from './http';
import type { Clock, SocketFactory } from './socket';
import { originOf } from './endpoint-policy';
import { restBaseFor, wsBasesFor, type EndpointOverrides } from './venue-endpoints';

export type { EndpointOverrides, VenueOverride } from './venue-endpoints';

export type FeedMode = 'auto' | 'live' | 'demo';

export interface FeedConfig {
  readonly mode: FeedMode;
  /** What to watch, as "venue:SYMBOL" keys in each venue's own spelling ("kraken:BTC/USD"). */
  readonly instruments: readonly string[];
  /** User bases per venue (proxies, the test mock); venues not listed use their defaults. */
  readonly endpoints: EndpointOverrides;
  /** Finnhub API token. A secret: it rides in the socket URL, which is only ever shown redacted. */
  readonly finnhubToken?: string;
  /** The non-default origin the user allowed the Finnhub token to reach; without it, Finnhub's own only. */
  readonly finnhubTokenOrigin?: string;
  /** OKX contract values by instId (from the instrument listing), so SWAP sizes become base units. */
  readonly okxContracts?: Readonly<Record<string, OkxContract>>;
  readonly timeframes: readonly TimeframeId[];
  /** In auto mode, how long the live venues get to connect before the demo feed takes over. */
  readonly liveTimeoutMs: number;
  readonly demoSeed: number;
  /** How much demo history to synthesise when none is stored. */
  readonly demoHistoryMs: number;
}

export const DEFAULT_INSTRUMENTS: readonly string[] = ['binance-spot:BTCUSDT', 'binance-spot:ETHUSDT'];

export const DEFAULT_FEED_CONFIG: FeedConfig = {
  mode: 'auto',
  instruments: DEFAULT_INSTRUMENTS,
  endpoints: {},
  timeframes: TIMEFRAMES,
  liveTimeoutMs: 5_000,
  demoSeed: 1,
  demoHistoryMs: 3 * 3_600_000,
};

/** What the feed sends the page: coalesced, at most once per animation frame. */
export interface FeedBatch {
  readonly updates: readonly CandleUpdate[];
  readonly quotes: readonly Quote[];
  /** Instruments ("venue:SYMBOL") whose cached quote is void (the venue reset its book). */
  readonly dropQuotes?: readonly string[];
  readonly health?: FeedHealth;
}

export type { GapState } from './backfill-scheduler';

export interface FeedStore {
  /** The newest stored bar per symbol and timeframe (the forming one after a reload). */
  loadLatest(venue: VenueId, symbols: readonly string[], timeframes: readonly TimeframeId[]): Promise<Candle[]>;
  put(candles: readonly Candle[]): void;
  putTrade(trade: Trade): void;
  putQuote(quote: Quote): void;
  /** Id gaps as they are found and settled; outage gaps (no ids) arrive settled, unfillable. */
  recordGap(gap: RecordedGap, state: GapState): void;
  /** Runs retention; returns notices of what was evicted. */
  maintain(nowMs: number): Promise<string[]>;
  /** Notices from quota emergencies during writes. */
  takeNotices(): string[];
  flush(): Promise<void>;
  readonly written: number;
  readonly lastError: Error | null;
  readonly usage: { readonly usage: number; readonly quota: number } | null;
}

/** Small persistent key-value store (IndexedDB settings in the app) for probe answers. */
export interface KeyValueCache {
  read(key: string): Promise<unknown>;
  write(key: string, value: unknown): Promise<void>;
}

export interface FeedDeps {
  readonly socketFactory: SocketFactory;
  readonly clock: Clock;
  readonly fetchText: FetchText;
  readonly store: FeedStore;
  readonly push: (batch: FeedBatch) => void;
  /** Schedules a callback before the next paint (worker rAF), or soon. */
  readonly requestFrame: (callback: () => void) => void;
  /** Where REST probe answers are remembered across sessions; none: probe every start. */
  readonly cache?: KeyValueCache;
  /** Backoff jitter source (tests pass a fixed one). */
  readonly random?: () => number;
  /** Venue profiles to use instead of the registry's (tests). */
  readonly profiles?: Readonly<Partial<Record<LiveVenueId, VenueProfile>>>;
}

/** A bar is closed by the wall clock this long after its end, to let in-flight trades arrive. */
const CLOSE_GRACE_MS = 2_000;
/** Retention runs this often (and once shortly after start). */
const MAINTAIN_EVERY_MS = 60_000;
/** Storage notices kept for the page. */
const MAX_NOTICES = 8;
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
/** A CORS-refused REST probe is remembered this long before trying again. */
const PROBE_CACHE_MS = 7 * 86_400_000;

/** What `deps.cache` keeps per venue: did the browser get to read the venue's REST? */
interface ProbeAnswer {
  readonly base: string;
  readonly cors: 'ok' | 'refused';
  readonly atMs: number;
}

interface Rate {
  atMs: number;
  frames: number;
  trades: number;
  framesPerSec: number;
  tradesPerSec: number;
}

interface ConnectionRuntime {
  readonly id: string;
  readonly venue: VenueRuntime;
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
}

interface VenueRuntime {
  readonly venue: LiveVenueId;
  readonly profile: VenueProfile;
  readonly symbols: readonly string[];
  readonly rest: string;
  readonly connections: ConnectionRuntime[];
  readonly rejectedSymbols: Map<string, string>;
  /** Id gaps: grace, REST passes, outcomes. */
  readonly filler: BackfillScheduler;
  /** Outage gaps recorded (venues whose ids cannot show a hole). */
  outages: number;
  backfill: BackfillAvailability;
  /** Settles when the REST probe has answered (or was skipped). */
  probed: Promise<void>;
}

/** `key` is a probe answer for `base` that is still fresh. */
function isProbeAnswer(value: unknown): value is ProbeAnswer {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ProbeAnswer).base === 'string' &&
    ((value as ProbeAnswer).cors === 'ok' || (value as ProbeAnswer).cors === 'refused') &&
    typeof (value as ProbeAnswer).atMs === 'number'
  );
}

/**
 * Runs one feed: the live connections of every venue in the watch list, or the demo market, all
 * through one pipeline, aggregator and store. DOM-free; the worker entry gives it real sockets,
 * IndexedDB and rAF, tests give it fakes.
 *
 * Per venue: `planConnections` decides the sockets; each gets its own FeedConnection (backoff,
 * stale watchdog on the venue's budget, app pings, paced subscribes) and routes frames to its
 * endpoint's parser. Per venue too: one REST probe (region blocks, CORS), one backfill queue.
 */
export class FeedController {
  private readonly aggregator: CandleAggregator;
  private readonly pipeline: IngestPipeline;
  private readonly profiles: Readonly<Partial<Record<LiveVenueId, VenueProfile>>>;
  private readonly venues = new Map<LiveVenueId, VenueRuntime>();
  private demo: DemoMarket | null = null;
  private demoStarting = false;
  private demoTimer: unknown = null;
  private closeTimer: unknown = null;
  private liveTimer: unknown = null;
  private frameRequested = false;
  private source: FeedHealth['source'] = 'none';
  private demoReason: string | null = null;
  private lastHealthMs = 0;
  /** Trades that came from live connections (the pipeline also counts demo and backfill). */
  private liveTrades = 0;
  private stopped = false;
  private maintainTimer: unknown = null;
  private readonly notices: { atMs: number; text: string }[] = [];
  private readonly droppedQuotes = new Set<string>();
  private readonly outages = new OutageTracker();

  constructor(
    private readonly config: FeedConfig,
    private readonly deps: FeedDeps,
  ) {
    const contracts = config.okxContracts;
    this.profiles = {
      ...VENUE_PROFILES,
      ...(contracts !== undefined ? { okx: createOkxProfile({ contracts: (instId) => contracts[instId] }) } : {}),
      ...deps.profiles,
    };
    this.aggregator = new CandleAggregator({ timeframes: config.timeframes, latenessMs: DEFAULT_LATENESS_MS });
    this.pipeline = new IngestPipeline(
      this.aggregator,
      gapRulesFrom(this.profiles),
      {
        // The simulated market never drops trades; live venues backfill what they can.
        onGap: (gap) => this.venueOf(gap.venue)?.filler.add(gap),
        onGapLost: (gap) => this.venueOf(gap.venue)?.filler.lost(gap),
        // Control events are handled per connection (see `connectionSink`).
        onControl: () => undefined,
        onTrade: (trade) => {
          deps.store.putTrade(trade);
          this.trackOutage(trade);
        },
        onQuote: (quote) => deps.store.putQuote(quote),
      },
      () => deps.clock.now(),
    );
  }

  async start(): Promise<void> {
    if (this.config.mode !== 'demo') {
      for (const [venue, symbols] of this.groupByVenue()) {
        const profile = this.profiles[venue];
        if (profile !== undefined) this.venues.set(venue, this.createVenue(venue, profile, symbols));
      }
      for (const v of this.venues.values()) await this.resume(v.venue, v.symbols);
      // Stopped while resuming (a restart came first): open nothing.
      if (this.stopped) return;
      for (const v of this.venues.values()) this.startVenue(v);
    }
    if (this.config.mode === 'demo') await this.startDemo('Demo feed selected');
    else if (this.config.mode === 'auto') {
      if (this.venues.size === 0) await this.startDemo('Demo data — no live instrument in the watch list');
      this.liveTimer = this.deps.clock.setTimeout(() => {
        if (this.source !== 'live' && !this.anyConnectionLive())
          void this.startDemo('Demo data — exchanges unreachable');
      }, this.config.liveTimeoutMs);
      this.checkAllDown();
    }
    const tick = () => {
      if (this.stopped) return;
      this.aggregator.advanceTo(this.deps.clock.now() - CLOSE_GRACE_MS);
      this.scheduleFrame();
      this.closeTimer = this.deps.clock.setTimeout(tick, 1_000);
    };
    tick();
    const maintain = () => {
      if (this.stopped) return;
      void this.deps.store
        .maintain(this.deps.clock.now())
        .then((notices) => this.addNotices(notices))
        .catch(() => undefined);
      this.maintainTimer = this.deps.clock.setTimeout(maintain, MAINTAIN_EVERY_MS);
    };
    this.maintainTimer = this.deps.clock.setTimeout(maintain, 5_000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.maintainTimer !== null) this.deps.clock.clearTimeout(this.maintainTimer);
    for (const c of this.allConnections()) c.connection.stop();
    this.stopDemo();
    for (const t of [this.closeTimer, this.liveTimer]) if (t !== null) this.deps.clock.clearTimeout(t);
    this.emit();
    await this.deps.store.flush();
  }

  /** Writes what is pending now (the page is being hidden or closed). */
  async flush(): Promise<void> {
    this.emit();
    await this.deps.store.flush();
  }

  /** The browser's `online`/`offline` and visibility signals: every connection acts at once. */
  network(event: 'online' | 'offline' | 'visible'): void {
    for (const c of this.allConnections()) {
      if (c.override !== null) continue;
      if (event === 'offline') c.connection.markOffline();
      else c.connection.reconnectNow(event);
    }
  }

  // ---- venues and connections ------------------------------------------------------------------

  /** Watched instruments by live venue, in watch-list order, deduplicated. */
  private groupByVenue(): Map<LiveVenueId, string[]> {
    const out = new Map<LiveVenueId, string[]>();
    for (const key of this.config.instruments) {
      const parsed = parseInstrumentKey(key);
      if (parsed === null || !isLiveVenue(parsed.venue)) continue;
      let list = out.get(parsed.venue);
      if (list === undefined) out.set(parsed.venue, (list = []));
      if (!list.includes(parsed.symbol)) list.push(parsed.symbol);
    }
    return out;
  }

  private venueOf(venue: VenueId): VenueRuntime | undefined {
    return isLiveVenue(venue) ? this.venues.get(venue) : undefined;
  }

  private *allConnections(): Iterable<ConnectionRuntime> {
    for (const v of this.venues.values()) yield* v.connections;
  }

  private createVenue(venue: LiveVenueId, profile: VenueProfile, symbols: readonly string[]): VenueRuntime {
    const rest = restBaseFor(venue, this.config.endpoints[venue]);
    const source = profile.backfill[0];
    const v: Omit<VenueRuntime, 'filler'> & { filler?: BackfillScheduler } = {
      venue,
      profile,
      symbols,
      rest,
      connections: [],
      rejectedSymbols: new Map(),
      outages: 0,
      backfill: 'unknown',
      probed: Promise.resolve(),
    };
    v.filler = new BackfillScheduler(
      venue,
      () => (source !== undefined && v.backfill !== 'refused' && v.backfill !== 'blocked' ? source : null),
      rest,
      () => v.probed,
      {
        clock: this.deps.clock,
        fetchText: this.deps.fetchText,
        integrity: this.pipeline.integrityOf(venue),
        deliver: (trades) => {
          this.pipeline.backfill(trades);
          this.scheduleFrame();
        },
        outcome: (gap, state) => {
          this.deps.store.recordGap(gap, state);
          this.lastHealthMs = 0;
          this.scheduleFrame();
        },
        stopped: () => this.stopped,
      },
      { ...DEFAULT_BACKFILL_TIMING, pagePauseMs: BACKFILL_PAGE_PAUSE_MS[venue] ?? DEFAULT_BACKFILL_TIMING.pagePauseMs },
    );
    return v as VenueRuntime;
  }

  /** Ids show holes on consecutive-id venues; elsewhere a reconnect is where trades can go missing. */
  private tracksOutages(venue: VenueId): boolean {
    const v = this.venueOf(venue);
    return v !== undefined && v.profile.gapRule !== 'consecutive';
  }

  private trackOutage(trade: Trade): void {
    if (!this.tracksOutages(trade.venue)) return;
    const gap = this.outages.observe(trade);
    if (gap === null) return;
    const v = this.venueOf(gap.venue);
    if (v !== undefined) v.outages++;
    this.deps.store.recordGap(gap, 'unfillable');
    this.lastHealthMs = 0;
  }

  private startVenue(v: VenueRuntime): void {
    const { profile } = v;
    const token = profile.auth === 'token-in-url' ? this.config.finnhubToken?.trim() : undefined;
    const subscription = {
      symbols: v.symbols,
      trades: true,
      quotes: true,
      ...(token !== undefined && token !== '' ? { token } : {}),
      ...(token !== undefined && this.config.finnhubTokenOrigin !== undefined
        ? { tokenOrigin: this.config.finnhubTokenOrigin }
        : {}),
    };
    const plans = planConnections(profile, subscription, wsBasesFor(profile, this.config.endpoints[v.venue]?.ws));
    const perEndpoint = new Map<string, number>();
    for (const plan of plans) perEndpoint.set(plan.endpoint.name, (perEndpoint.get(plan.endpoint.name) ?? 0) + 1);
    const seen = new Map<string, number>();
    for (const plan of plans) {
      const name = plan.endpoint.name;
      const index = (seen.get(name) ?? 0) + 1;
      seen.set(name, index);
      const id =
        plans.length === 1 ? v.venue : `${v.venue}-${name}${(perEndpoint.get(name) ?? 0) > 1 ? `-${index}` : ''}`;
      v.connections.push(this.createConnection(v, plan, id));
    }
    if (profile.auth === 'token-in-url' && subscription.token === undefined) {
      this.finalState(v, {
        kind: 'rejected',
        detail: `${profile.label} needs an API token: add yours in Settings`,
      });
      return;
    }
    for (const c of v.connections) c.connection.start();
    v.probed = this.probe(v);
  }

  private createConnection(v: VenueRuntime, plan: ConnectionPlan, id: string): ConnectionRuntime {
    const endpoint = plan.endpoint;
    const pacing = endpoint.pacing;
    const runtime: Omit<ConnectionRuntime, 'connection'> & { connection?: FeedConnection } = {
      id,
      venue: v,
      plan,
      state: { kind: 'idle' },
      override: null,
      trades: 0,
      rate: { atMs: 0, frames: 0, trades: 0, framesPerSec: 0, tradesPerSec: 0 },
      opened: false,
      everOpened: false,
      failedHandshakes: 0,
    };
    const sink: FrameSink = {
      trade: (t) => this.pipeline.trade(t),
      quote: (q) => this.pipeline.quote(q),
      control: (event) => {
        this.pipeline.control(event);
        this.onControl(runtime as ConnectionRuntime, event);
      },
      reject: (reason, detail) => this.pipeline.reject(reason, detail),
    };
    const connection = new FeedConnection(
      {
        url: plan.url,
        subscribeMessages: plan.subscribeMessages,
        staleAfterMs: this.staleBudget(v.profile, plan),
        ...(endpoint.keepAlive !== null
          ? { ping: { text: endpoint.keepAlive.text, everyMs: endpoint.keepAlive.everyMs } }
          : {}),
        minSendIntervalMs: Math.ceil(1000 / Math.max(0.1, pacing.maxMessagesPerSecond)),
        stableAfterMs: STABLE_AFTER_MS,
        backoff: new Backoff(500, 30_000, this.deps.random ?? Math.random),
      },
      this.deps.socketFactory,
      this.deps.clock,
      {
        onFrame: (frame, receivedAtMs) => {
          const before = this.pipeline.trades;
          endpoint.adapter.parse(frame, receivedAtMs, sink);
          const added = this.pipeline.trades - before;
          runtime.trades += added;
          this.liveTrades += added;
          if (added > 0 && this.source !== 'live') this.goLive();
          this.scheduleFrame();
        },
        onState: (state) => this.onConnectionState(runtime as ConnectionRuntime, state),
        onOpen: () => {
          runtime.opened = true;
          runtime.failedHandshakes = 0;
          if (runtime.everOpened && plan.subscription.trades && this.tracksOutages(v.venue))
            this.outages.interrupt(v.venue, plan.subscription.symbols);
          runtime.everOpened = true;
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
  private staleBudget(profile: VenueProfile, plan: ConnectionPlan): number {
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
      : ` (your token is sent only to ${c.venue.profile.label}'s own server unless you allow ${host} under Settings → Endpoints)`;
  }

  private onConnectionState(c: ConnectionRuntime, state: ConnectionState): void {
    c.state = state;
    if (state.kind === 'connecting') c.opened = false;
    if (state.kind === 'reconnecting' && !c.opened) {
      c.failedHandshakes++;
      const { profile } = c.venue;
      if (profile.auth === 'token-in-url' && c.failedHandshakes >= AUTH_HANDSHAKE_FAILURES) {
        // Deferred: the connection is still inside its own state change.
        this.deps.clock.setTimeout(
          () =>
            this.finalState(c.venue, {
              kind: 'rejected',
              detail: `${profile.label} refused the connection ${AUTH_HANDSHAKE_FAILURES} times in a row: check the API token in Settings${this.tokenNote(c)}`,
            }),
          0,
        );
      }
    }
    if (state.kind === 'live' && this.demo === null && this.source !== 'live') {
      this.source = 'live';
      this.demoReason = null;
    }
    this.scheduleFrame();
  }

  /** Stops every connection of a venue in a state that holds until the settings change. */
  private finalState(v: VenueRuntime, state: ConnectionState): void {
    for (const c of v.connections) {
      if (c.override !== null) continue;
      c.override = state;
      c.connection.stop();
    }
    this.lastHealthMs = 0;
    this.checkAllDown();
    this.scheduleFrame();
  }

  /** In auto mode, with every venue blocked or refused, the demo feed takes over at once. */
  private checkAllDown(): void {
    if (this.config.mode !== 'auto' || this.stopped || this.demo !== null || this.demoStarting) return;
    if (this.venues.size === 0) return;
    const all = [...this.allConnections()];
    if (all.length === 0 || all.some((c) => c.override === null)) return;
    const first = all[0] as ConnectionRuntime;
    const reason =
      this.venues.size > 1
        ? 'Demo data — no venue is available (blocked in this region or refused)'
        : first.override?.kind === 'region-blocked'
          ? `Demo data — ${first.venue.profile.label} is not available in this region`
          : `Demo data — ${first.venue.profile.label} refused the connection`;
    this.source = 'none';
    void this.startDemo(reason);
  }

  private anyConnectionLive(): boolean {
    for (const c of this.allConnections()) if (c.override === null && c.state.kind === 'live') return true;
    return false;
  }

  private onControl(c: ConnectionRuntime, event: ControlEvent): void {
    const v = c.venue;
    switch (event.kind) {
      case 'reconnect':
        c.connection.reconnectNow(event.reason);
        return;
      case 'error': {
        if (event.auth === true) {
          this.finalState(v, {
            kind: 'rejected',
            detail: `${v.profile.label} refused the API token: ${redactSecrets(event.message)}`,
          });
          return;
        }
        if (event.symbol === undefined) return;
        v.rejectedSymbols.set(event.symbol, redactSecrets(event.message).slice(0, 200));
        const refused = (s: string) => [...v.rejectedSymbols.keys()].some((r) => r.toUpperCase() === s.toUpperCase());
        if (c.plan.subscription.symbols.every(refused) && c.override === null) {
          c.override = {
            kind: 'rejected',
            detail: `${v.profile.label} refused every symbol: ${redactSecrets(event.message)}`,
          };
          c.connection.stop();
          this.checkAllDown();
        }
        this.lastHealthMs = 0;
        return;
      }
      case 'heartbeat':
        if (event.symbol !== undefined && event.lastTradeId !== undefined) {
          this.pipeline
            .integrityOf(v.venue)
            .observeLastId(v.venue, event.symbol, event.lastTradeId, event.timeMs ?? this.deps.clock.now());
        }
        return;
      case 'reset': {
        const symbols = event.symbol !== undefined ? [event.symbol] : c.plan.subscription.symbols;
        const keys = symbols.map((s) => instrumentKey(v.venue, s));
        for (const key of keys) {
          this.pipeline.latestQuotes.delete(key);
          this.droppedQuotes.add(key);
        }
        this.scheduleFrame();
        return;
      }
      default:
        return;
    }
  }

  // ---- REST probe ------------------------------------------------------------------------------

  /** The URL that tells whether the browser may read this venue's REST, and from where. */
  private probeUrl(v: VenueRuntime, source: BackfillSource | undefined): string | null {
    const symbol = v.symbols[0];
    if (source !== undefined && symbol !== undefined) return source.url(v.rest, symbol, '1', 1);
    return LISTING_SOURCES[v.venue]?.url(v.rest, null) ?? null;
  }

  /**
   * One GET per venue: HTTP 451/403 means this region is blocked; a TypeError means the browser
   * may not read the venue's REST (CORS or network), so gaps cannot be backfilled here. A CORS
   * refusal is remembered (deps.cache) so later sessions do not repeat a request that cannot work.
   */
  private async probe(v: VenueRuntime): Promise<void> {
    const source = v.profile.backfill[0];
    const url = this.probeUrl(v, source);
    if (url === null) {
      v.backfill = source === undefined ? 'none' : 'unknown';
      return;
    }
    const key = `rest-probe:${v.venue}`;
    const now = this.deps.clock.now();
    const cached = await this.deps.cache?.read(key).catch(() => undefined);
    if (
      isProbeAnswer(cached) &&
      cached.base === v.rest &&
      cached.cors === 'refused' &&
      now - cached.atMs < PROBE_CACHE_MS
    ) {
      v.backfill = source === undefined ? 'none' : 'refused';
      return;
    }
    const remember = (cors: ProbeAnswer['cors']) =>
      void this.deps.cache?.write(key, { base: v.rest, cors, atMs: now } satisfies ProbeAnswer).catch(() => undefined);
    let status: number;
    try {
      status = (await this.deps.fetchText(url)).status;
    } catch (error) {
      if (error instanceof TypeError) {
        v.backfill = source === undefined ? 'none' : 'refused';
        remember('refused');
      }
      this.scheduleFrame();
      return;
    }
    remember('ok');
    const blocked = status === 451 || status === 403;
    v.backfill = source === undefined ? 'none' : blocked ? 'blocked' : 'ok';
    if (blocked) this.finalState(v, { kind: 'region-blocked', detail: `${v.profile.label} answered HTTP ${status}` });
    this.scheduleFrame();
  }

  // ---- resume and demo -------------------------------------------------------------------------

  /** Loads the newest stored bars so the forming bar continues exactly and gaps are found. */
  private async resume(venue: VenueId, symbols: readonly string[]): Promise<void> {
    const stored = await this.deps.store.loadLatest(venue, symbols, this.config.timeframes);
    const horizon = this.deps.clock.now() - DEFAULT_LATENESS_MS;
    this.aggregator.resume(stored.filter((c) => c.openTimeMs >= horizon));
    for (const c of stored) {
      if (c.lastTradeId !== undefined) this.pipeline.resumeFrom(c.venue, c.symbol, c.lastTradeId, c.openTimeMs);
    }
    if (!this.tracksOutages(venue)) return;
    // Where ids cannot show it, the time since the newest stored bar opened is a possible hole.
    const newest = new Map<string, number>();
    for (const c of stored) newest.set(c.symbol, Math.max(newest.get(c.symbol) ?? -Infinity, c.openTimeMs));
    for (const [symbol, openTimeMs] of newest) this.outages.resume(venue, symbol, openTimeMs);
  }

  private goLive(): void {
    this.source = 'live';
    this.demoReason = null;
    this.stopDemo();
  }

  /** The demo market's symbols standing in for the watch list (BTC anywhere → BTCUSDT). */
  private demoSymbols(): string[] {
    const out = new Set<string>();
    for (const key of this.config.instruments) {
      const symbol = demoSymbolFor(key);
      if (symbol !== null) out.add(symbol);
    }
    if (out.size === 0) out.add('BTCUSDT');
    return [...out];
  }

  private async startDemo(reason: string): Promise<void> {
    if (this.demo !== null || this.demoStarting || this.stopped) return;
    this.demoStarting = true;
    try {
      await this.beginDemo(reason);
    } finally {
      this.demoStarting = false;
    }
  }

  private async beginDemo(reason: string): Promise<void> {
    const symbols = this.demoSymbols();
    this.source = 'demo';
    this.demoReason = reason;
    this.lastHealthMs = 0;
    const now = this.deps.clock.now();
    const stored = await this.deps.store.loadLatest('demo', symbols, this.config.timeframes);
    if (this.demo !== null || this.stopped || this.source !== 'demo') return;
    const lastMs = stored.reduce((m, c) => Math.max(m, c.openTimeMs), 0);
    this.aggregator.resume(stored.filter((c) => c.openTimeMs >= now - DEFAULT_LATENESS_MS));
    // Continue stored demo history if it is recent, else synthesise some so the chart has context.
    const startMs = lastMs > now - this.config.demoHistoryMs ? lastMs + 60_000 : now - this.config.demoHistoryMs;
    const seed = this.config.demoSeed ^ Math.floor(startMs / 60_000);
    this.demo = new DemoMarket(seed, Math.min(startMs, now));
    this.pumpDemo(new Set(symbols));
  }

  private pumpDemo(symbols: ReadonlySet<string>): void {
    const demo = this.demo;
    if (demo === null || this.stopped) return;
    const { trades } = demo.advance(this.deps.clock.now());
    for (const t of trades) if (symbols.has(t.symbol)) this.pipeline.trade(t);
    this.scheduleFrame();
    this.demoTimer = this.deps.clock.setTimeout(() => this.pumpDemo(symbols), 250);
  }

  private stopDemo(): void {
    if (this.demoTimer !== null) this.deps.clock.clearTimeout(this.demoTimer);
    this.demoTimer = null;
    this.demo = null;
  }

  // ---- output ----------------------------------------------------------------------------------

  private addNotices(texts: readonly string[]): void {
    const atMs = this.deps.clock.now();
    for (const text of texts) this.notices.push({ atMs, text });
    this.notices.splice(0, Math.max(0, this.notices.length - MAX_NOTICES));
    if (texts.length > 0) this.lastHealthMs = 0;
  }

  private scheduleFrame(): void {
    if (this.frameRequested) return;
    this.frameRequested = true;
    this.deps.requestFrame(() => {
      this.frameRequested = false;
      this.emit();
    });
  }

  /** Drains coalesced bar updates to the store and the page. */
  private emit(): void {
    const updates = this.aggregator.drain();
    if (updates.length > 0) this.deps.store.put(updates.map((u) => u.candle));
    const now = this.deps.clock.now();
    const withHealth = now - this.lastHealthMs >= 500;
    if (updates.length === 0 && !withHealth && this.droppedQuotes.size === 0) return;
    const quotes = [...this.pipeline.latestQuotes.values()];
    this.pipeline.latestQuotes.clear();
    const dropQuotes = this.droppedQuotes.size > 0 ? [...this.droppedQuotes] : undefined;
    this.droppedQuotes.clear();
    const batch: FeedBatch = {
      updates,
      quotes,
      ...(dropQuotes !== undefined ? { dropQuotes } : {}),
      ...(withHealth ? { health: this.health() } : {}),
    };
    if (withHealth) this.lastHealthMs = now;
    this.deps.push(batch);
  }

  private connectionHealth(c: ConnectionRuntime, now: number): ConnectionHealth {
    const frames = c.connection.framesReceived;
    const dt = (now - c.rate.atMs) / 1000;
    if (dt >= 1) {
      c.rate = {
        atMs: now,
        frames,
        trades: c.trades,
        framesPerSec: (frames - c.rate.frames) / dt,
        tradesPerSec: (c.trades - c.rate.trades) / dt,
      };
    }
    return {
      id: c.id,
      venue: c.venue.venue,
      endpoint: redactUrl(c.plan.url),
      symbols: c.plan.subscription.symbols,
      state: c.override ?? c.state,
      framesPerSec: c.rate.framesPerSec,
      tradesPerSec: c.rate.tradesPerSec,
      lastMessageAgeMs: c.connection.lastMessageAgeMs,
      reconnects: c.connection.reconnects,
    };
  }

  health(): FeedHealth {
    const now = this.deps.clock.now();
    const connections: ConnectionHealth[] = [];
    const venues: VenueHealth[] = [];
    let frames = 0;
    const gaps = { found: 0, backfilled: 0, unfillable: 0 };
    for (const v of this.venues.values()) {
      for (const c of v.connections) {
        connections.push(this.connectionHealth(c, now));
        frames += c.connection.framesReceived;
      }
      const counts = v.filler.counts;
      gaps.found += counts.found + v.outages;
      gaps.backfilled += counts.backfilled;
      gaps.unfillable += counts.unfillable + v.outages;
      venues.push({
        venue: v.venue,
        label: v.profile.label,
        gapsFound: counts.found + v.outages,
        gapsBackfilled: counts.backfilled,
        gapsUnfillable: counts.unfillable + v.outages,
        backfill: v.backfill,
        rejectedSymbols: Object.fromEntries(v.rejectedSymbols),
      });
    }
    const store = this.deps.store;
    this.addNotices(store.takeNotices());
    return {
      source: this.source,
      demoReason: this.demoReason,
      connections,
      venues,
      frames,
      trades: this.pipeline.trades,
      quotes: this.pipeline.quotes,
      rejects: { ...this.pipeline.rejects.counts },
      rejectSamples: { ...this.pipeline.rejects.samples },
      tooLate: this.pipeline.tooLate,
      gapsFound: gaps.found,
      gapsBackfilled: gaps.backfilled,
      gapsUnfillable: gaps.unfillable,
      candlesWritten: store.written,
      storageError: store.lastError?.message ?? null,
      storage: store.usage,
      storageNotices: [...this.notices],
    };
  }
}
