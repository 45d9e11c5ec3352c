import { CandleAggregator, DEFAULT_LATENESS_MS } from '../candles/aggregator';
import { DEMO_SELECTED } from './demo-reasons';
import type { CandleUpdate } from '../candles/candle';
import type { VenueProfile } from '../exchange/adapter';
import { OutageTracker } from '../exchange/integrity/outage-tracker';
import type { GapRule } from '../exchange/adapter';
import { loadVenueProfile } from '../exchange/load-profile';
import { isLiveVenue, type LiveVenueId } from '../exchange/venues';
import { parseInstrumentKey, type Trade, type VenueId } from '../exchange/types';
import { DemoFallback } from './demo-fallback';
import type { FeedConfig } from './feed-config';
import type { FeedHealth } from './feed-health';
import { feedHealthReport } from './feed-health-report';
import type { FeedBatch, FeedDeps } from './feed-ports';
import { gapRulesFrom, IngestPipeline } from './ingest-pipeline';
import { LiveRetryPause } from './live-retry-pause';
import { VenueSession, type ConnectionRuntime, type VenueHost } from './venue-session';

// The feed's public surface, importable from one place.
export { DEFAULT_FEED_CONFIG, DEFAULT_INSTRUMENTS, type FeedConfig, type FeedMode } from './feed-config';
export type { EndpointOverrides, VenueOverride } from './feed-config';
export type { AlertStep, AnalyticsStep, FeedBatch, FeedDeps, FeedStore, GapState, KeyValueCache } from './feed-ports';

/** A bar is closed by the wall clock this long after its end, to let in-flight trades arrive. */
const CLOSE_GRACE_MS = 2_000;
/** Retention runs this often (and once shortly after start). */
const MAINTAIN_EVERY_MS = 60_000;
/** Storage notices kept for the page. */
const MAX_NOTICES = 8;

/**
 * Runs one feed: the live connections of every venue in the watch list (`VenueSession`), or the
 * demo market (`DemoFallback`), all through one pipeline, aggregator and store. DOM-free; the
 * worker entry gives it real sockets, IndexedDB and rAF, tests give it fakes.
 */
export class FeedController {
  private readonly aggregator: CandleAggregator;
  private readonly pipeline: IngestPipeline;
  /** Test doubles in place of the venues' own profiles (see `FeedDeps.profiles`). */
  private readonly profiles: Readonly<Partial<Record<LiveVenueId, VenueProfile>>>;
  /** Trade-id rules of the venues in use, filled in as their profiles load (before any trade). */
  private readonly gapRules: Map<VenueId, GapRule>;
  private readonly venues = new Map<LiveVenueId, VenueSession>();
  private readonly demo: DemoFallback;
  private readonly retryPause: LiveRetryPause;
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
  /** Bar updates made outside the aggregator (synthesised demo history), for the next batch. */
  private delivered: CandleUpdate[] = [];
  private readonly outages = new OutageTracker();

  constructor(
    private readonly config: FeedConfig,
    private readonly deps: FeedDeps,
  ) {
    this.profiles = deps.profiles ?? {};
    this.gapRules = gapRulesFrom(this.profiles);
    this.aggregator = new CandleAggregator({ timeframes: config.timeframes, latenessMs: DEFAULT_LATENESS_MS });
    this.pipeline = new IngestPipeline(
      this.aggregator,
      this.gapRules,
      {
        // The simulated market never drops trades; live venues backfill what they can.
        onGap: (gap) => this.venueOf(gap.venue)?.filler.add(gap),
        onGapLost: (gap) => this.venueOf(gap.venue)?.filler.lost(gap),
        // Control events are handled per connection (see `VenueSession`).
        onControl: () => undefined,
        onTrade: (trade) => {
          deps.store.putTrade(trade);
          this.trackOutage(trade);
        },
        onQuote: (quote) => deps.store.putQuote(quote),
      },
      () => deps.clock.now(),
    );
    this.demo = new DemoFallback(this.demoHost());
    this.retryPause = new LiveRetryPause(deps.clock, config.liveTimeoutMs, () => {
      this.lastHealthMs = 0;
      this.scheduleFrame();
    });
  }

  async start(): Promise<void> {
    if (this.config.mode !== 'demo') {
      const host = this.venueHost();
      const loaded = await Promise.all(
        [...this.groupByVenue()].map(async ([venue, symbols]) => ({
          venue,
          symbols,
          profile: await this.profileOf(venue),
        })),
      );
      // Stopped while loading (a restart came first): open nothing.
      if (this.stopped) return;
      for (const { venue, symbols, profile } of loaded) {
        this.gapRules.set(venue, profile.gapRule);
        this.venues.set(venue, new VenueSession(venue, profile, symbols, host));
      }
      for (const v of this.venues.values()) await this.resume(v.venue, v.symbols);
      // Stopped while resuming (a restart came first): open nothing.
      if (this.stopped) return;
      for (const v of this.venues.values()) v.start();
    }
    if (this.config.mode === 'demo') await this.startDemo(DEMO_SELECTED);
    else if (this.config.mode === 'auto') {
      if (this.venues.size === 0) await this.startDemo('Demo data — no live instrument in the watch list');
      this.liveTimer = this.deps.clock.setTimeout(() => {
        if (this.source === 'live' || this.anyConnectionLive()) return;
        void this.startDemo('Demo data — exchanges unreachable; trying again every 5 min and when back online');
        this.retryPause.pause(this.allConnections());
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
    this.retryPause.stop();
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

  /** Something outside the feed has output waiting (a rebuilt analytics view): emit with the next frame. */
  wake(): void {
    if (!this.stopped) this.scheduleFrame();
  }

  /** The browser's `online`/`offline` and visibility signals: every connection acts at once. */
  network(event: 'online' | 'offline' | 'visible'): void {
    for (const c of this.allConnections()) {
      if (c.override !== null || c.paused !== null) continue;
      if (event === 'offline') c.connection.markOffline();
      else c.connection.reconnectNow(event);
    }
    // After the loop: the connection a pause starts now is not reconnected at once again.
    if (event === 'online') this.retryPause.online();
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

  /** A venue's runtime profile: a test double, else its own chunk (OKX sized by the listing's contracts). */
  private profileOf(venue: LiveVenueId): Promise<VenueProfile> {
    const given = this.profiles[venue];
    if (given !== undefined) return Promise.resolve(given);
    const contracts = this.config.okxContracts;
    return loadVenueProfile(venue, contracts === undefined ? {} : { contracts: (instId) => contracts[instId] });
  }

  private venueOf(venue: VenueId): VenueSession | undefined {
    return isLiveVenue(venue) ? this.venues.get(venue) : undefined;
  }

  private *allConnections(): Iterable<ConnectionRuntime> {
    for (const v of this.venues.values()) yield* v.connections;
  }

  /** What every venue session sees of this feed. */
  private venueHost(): VenueHost {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the host reads live fields
    const self = this;
    return {
      config: this.config,
      deps: this.deps,
      pipeline: this.pipeline,
      outages: this.outages,
      scheduleFrame: () => this.scheduleFrame(),
      healthChanged: () => {
        this.lastHealthMs = 0;
      },
      liveTrades: (added) => {
        this.liveTrades += added;
        if (added > 0 && this.source !== 'live') this.goLive();
      },
      dropQuote: (key) => {
        this.pipeline.latestQuotes.delete(key);
        this.droppedQuotes.add(key);
      },
      connectionLive: () => {
        if (this.retryPause.active) this.retryPause.resume();
        if (!this.demo.running && this.source !== 'live') {
          this.source = 'live';
          this.demoReason = null;
        }
      },
      checkAllDown: () => this.checkAllDown(),
      get stopped() {
        return self.stopped;
      },
    };
  }

  private trackOutage(trade: Trade): void {
    const v = this.venueOf(trade.venue);
    if (v === undefined || !v.tracksOutages) return;
    const gap = this.outages.observe(trade);
    if (gap === null) return;
    v.outages++;
    this.deps.store.recordGap(gap, 'unfillable');
    this.lastHealthMs = 0;
  }

  /** In auto mode, with every venue blocked or refused, the demo feed takes over at once. */
  private checkAllDown(): void {
    if (this.config.mode !== 'auto' || this.stopped || this.demo.engaged) return;
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

  // ---- resume and demo -------------------------------------------------------------------------

  /** Loads the newest stored bars so the forming bar continues exactly and gaps are found. */
  private async resume(venue: VenueId, symbols: readonly string[]): Promise<void> {
    const stored = await this.deps.store.loadLatest(venue, symbols, this.config.timeframes);
    const horizon = this.deps.clock.now() - DEFAULT_LATENESS_MS;
    this.aggregator.resume(stored.filter((c) => c.openTimeMs >= horizon));
    for (const c of stored) {
      if (c.lastTradeId !== undefined) this.pipeline.resumeFrom(c.venue, c.symbol, c.lastTradeId, c.openTimeMs);
    }
    if (this.venueOf(venue)?.tracksOutages !== true) return;
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

  private startDemo(reason: string): Promise<void> {
    return this.demo.start(reason);
  }

  private stopDemo(): void {
    this.demo.stop();
  }

  private demoHost() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the host reads live fields
    const self = this;
    return {
      config: this.config,
      deps: this.deps,
      aggregator: this.aggregator,
      pipeline: this.pipeline,
      get stopped() {
        return self.stopped;
      },
      get wantsDemo() {
        return self.source === 'demo';
      },
      demoBegins: (reason: string) => {
        this.source = 'demo';
        this.demoReason = reason;
        this.lastHealthMs = 0;
      },
      deliver: (updates: readonly CandleUpdate[]) => {
        for (const u of updates) this.delivered.push(u);
      },
      scheduleFrame: () => this.scheduleFrame(),
    };
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
    const drained = this.aggregator.drain();
    const updates = this.delivered.length > 0 ? [...this.delivered, ...drained] : drained;
    this.delivered = [];
    if (updates.length > 0) this.deps.store.put(updates.map((u) => u.candle));
    const analytics = this.deps.analytics?.frame(updates) ?? null;
    const now = this.deps.clock.now();
    const withHealth = now - this.lastHealthMs >= 500;
    const health = withHealth ? this.health() : undefined;
    const alerts = this.deps.alerts?.frame(updates, health ?? null, now) ?? [];
    const quiet = updates.length === 0 && !withHealth && this.droppedQuotes.size === 0;
    if (quiet && analytics === null && alerts.length === 0) return;
    const quotes = [...this.pipeline.latestQuotes.values()];
    this.pipeline.latestQuotes.clear();
    const dropQuotes = this.droppedQuotes.size > 0 ? [...this.droppedQuotes] : undefined;
    this.droppedQuotes.clear();
    const batch: FeedBatch = {
      updates,
      quotes,
      ...(dropQuotes !== undefined ? { dropQuotes } : {}),
      ...(health !== undefined ? { health } : {}),
      ...(analytics !== null ? { analytics } : {}),
      ...(alerts.length > 0 ? { alerts } : {}),
    };
    if (withHealth) this.lastHealthMs = now;
    this.deps.push(batch);
  }

  health(): FeedHealth {
    const store = this.deps.store;
    this.addNotices(store.takeNotices());
    const demo = this.demo.health(this.deps.clock.now());
    return feedHealthReport(
      {
        source: this.source,
        demoReason: this.demoReason,
        venues: this.venues.values(),
        extraConnections: demo !== null ? [demo] : [],
        pipeline: this.pipeline,
        store,
        notices: this.notices,
      },
      this.deps.clock.now(),
    );
  }
}
