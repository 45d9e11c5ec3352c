import { CandleAggregator, DEFAULT_LATENESS_MS } from '../candles/aggregator';
import type { Candle, CandleUpdate } from '../candles/candle';
import { TIMEFRAMES, type TimeframeId } from '../candles/timeframe';
import { DemoMarket } from '../demo/demo-market';
import type { ControlEvent } from '../exchange/adapter';
import { binanceSpotAdapter } from '../exchange/binance-spot/parser';
import type { BackfillSource } from '../exchange/backfill';
import { binanceSpotHistoricalTrades } from '../exchange/binance-spot/backfill';
import { exchangeInfoUrl } from '../exchange/binance-spot/exchange-info';
import type { Gap } from '../exchange/integrity/gap';
import { BINANCE_SPOT_REST, BINANCE_SPOT_WS } from '../exchange/binance-spot/wire';
import type { Quote, Trade, VenueId } from '../exchange/types';
import type { FeedHealth } from '../pipeline/feed-health';
import { IngestPipeline } from '../pipeline/ingest-pipeline';
import { FeedConnection } from './connection';
import type { ConnectionState } from './connection-state';
import type { Clock, SocketFactory } from './socket';

export type FeedMode = 'auto' | 'live' | 'demo';

export interface FeedEndpoints {
  /** Websocket base, e.g. wss://stream.binance.com:9443 or a user's proxy. */
  readonly binanceSpotWs: string;
  readonly binanceSpotRest: string;
}

export const DEFAULT_ENDPOINTS: FeedEndpoints = { binanceSpotWs: BINANCE_SPOT_WS, binanceSpotRest: BINANCE_SPOT_REST };

export interface FeedConfig {
  readonly mode: FeedMode;
  readonly symbols: readonly string[];
  readonly endpoints: FeedEndpoints;
  readonly timeframes: readonly TimeframeId[];
  /** In auto mode, how long the live venue gets before the demo feed takes over. */
  readonly liveTimeoutMs: number;
  readonly demoSeed: number;
  /** How much demo history to synthesise when none is stored. */
  readonly demoHistoryMs: number;
}

export const DEFAULT_FEED_CONFIG: FeedConfig = {
  mode: 'auto',
  symbols: ['BTCUSDT', 'ETHUSDT'],
  endpoints: DEFAULT_ENDPOINTS,
  timeframes: TIMEFRAMES,
  liveTimeoutMs: 5_000,
  demoSeed: 1,
  demoHistoryMs: 3 * 3_600_000,
};

/** What the feed sends the page: coalesced, at most once per animation frame. */
export interface FeedBatch {
  readonly updates: readonly CandleUpdate[];
  readonly quotes: readonly Quote[];
  readonly health?: FeedHealth;
}

export type GapState = 'pending' | 'backfilled' | 'unfillable';

export interface FeedStore {
  /** The newest stored bar per symbol and timeframe (the forming one after a reload). */
  loadLatest(venue: VenueId, symbols: readonly string[], timeframes: readonly TimeframeId[]): Promise<Candle[]>;
  put(candles: readonly Candle[]): void;
  putTrade(trade: Trade): void;
  putQuote(quote: Quote): void;
  recordGap(gap: Gap, state: GapState): void;
  /** Runs retention; returns notices of what was evicted. */
  maintain(nowMs: number): Promise<string[]>;
  /** Notices from quota emergencies during writes. */
  takeNotices(): string[];
  flush(): Promise<void>;
  readonly written: number;
  readonly lastError: Error | null;
  readonly usage: { readonly usage: number; readonly quota: number } | null;
}

export interface HttpResult {
  readonly status: number;
  /** The raw body text; parsers decide what it means. */
  readonly body: string;
}

export interface FeedDeps {
  readonly socketFactory: SocketFactory;
  readonly clock: Clock;
  /** Simple GET (no custom headers: those trigger a CORS preflight venues refuse). */
  readonly fetchText: (url: string) => Promise<HttpResult>;
  readonly store: FeedStore;
  readonly push: (batch: FeedBatch) => void;
  /** Schedules a callback before the next paint (worker rAF), or soon. */
  readonly requestFrame: (callback: () => void) => void;
}

/** A bar is closed by the wall clock this long after its end, to let in-flight trades arrive. */
const CLOSE_GRACE_MS = 2_000;
const BACKFILL_MAX_PAGES = 50;
/** Retention runs this often (and once shortly after start). */
const MAINTAIN_EVERY_MS = 60_000;
/** Storage notices kept for the page. */
const MAX_NOTICES = 8;
/** Pause between backfill pages: Binance weighs historicalTrades at 25 of 6000 per minute. */
const BACKFILL_PAGE_PAUSE_MS = 100;

/**
 * Runs one feed: live venue connections or the demo market, all through the same pipeline,
 * aggregator and store. DOM-free; the worker entry gives it real sockets, IndexedDB and rAF.
 */
export class FeedController {
  private readonly aggregator: CandleAggregator;
  private readonly pipeline: IngestPipeline;
  private connection: FeedConnection | null = null;
  private connectionState: ConnectionState = { kind: 'idle' };
  private demo: DemoMarket | null = null;
  private demoTimer: unknown = null;
  private closeTimer: unknown = null;
  private liveTimer: unknown = null;
  private frameRequested = false;
  private source: FeedHealth['source'] = 'none';
  private demoReason: string | null = null;
  private readonly backfills: Gap[] = [];
  private readonly backfillSource: BackfillSource = binanceSpotHistoricalTrades;
  private backfilling = false;
  private gaps = { found: 0, backfilled: 0, unfillable: 0 };
  private lastHealthMs = 0;
  private rate = { atMs: 0, frames: 0, trades: 0, framesPerSec: 0, tradesPerSec: 0 };
  /** Trades that came from the live connection (the pipeline also counts demo and backfill). */
  private liveTrades = 0;
  private stopped = false;
  private maintainTimer: unknown = null;
  private readonly notices: { atMs: number; text: string }[] = [];

  constructor(
    private readonly config: FeedConfig,
    private readonly deps: FeedDeps,
  ) {
    this.aggregator = new CandleAggregator({ timeframes: config.timeframes, latenessMs: DEFAULT_LATENESS_MS });
    this.pipeline = new IngestPipeline(
      this.aggregator,
      new Map<VenueId, 'consecutive'>([
        ['binance-spot', 'consecutive'],
        ['demo', 'consecutive'],
      ]),
      {
        onGap: (gap) => this.onGap(gap),
        onGapLost: (gap) => {
          this.gaps.unfillable++;
          deps.store.recordGap(gap, 'unfillable');
        },
        onControl: (event) => this.onControl(event),
        onTrade: (trade) => deps.store.putTrade(trade),
        onQuote: (quote) => deps.store.putQuote(quote),
      },
      () => deps.clock.now(),
    );
  }

  async start(): Promise<void> {
    if (this.config.mode !== 'demo') {
      await this.resume('binance-spot');
      this.startLive();
    }
    if (this.config.mode === 'demo') await this.startDemo('Demo feed selected');
    else if (this.config.mode === 'auto') {
      this.liveTimer = this.deps.clock.setTimeout(() => {
        if (this.source !== 'live') void this.startDemo('Demo data — exchanges unreachable');
      }, this.config.liveTimeoutMs);
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

  private addNotices(texts: readonly string[]): void {
    const atMs = this.deps.clock.now();
    for (const text of texts) this.notices.push({ atMs, text });
    this.notices.splice(0, Math.max(0, this.notices.length - MAX_NOTICES));
    if (texts.length > 0) this.lastHealthMs = 0;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.maintainTimer !== null) this.deps.clock.clearTimeout(this.maintainTimer);
    this.connection?.stop();
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

  /** The browser's `online`/`offline` and visibility signals. */
  network(event: 'online' | 'offline' | 'visible'): void {
    if (this.connection === null) return;
    if (event === 'offline') this.connection.markOffline();
    else this.connection.reconnectNow(event);
  }

  /** Loads the newest stored bars so the forming bar continues exactly and gaps are found. */
  private async resume(venue: VenueId): Promise<void> {
    const stored = await this.deps.store.loadLatest(venue, this.config.symbols, this.config.timeframes);
    const horizon = this.deps.clock.now() - DEFAULT_LATENESS_MS;
    this.aggregator.resume(stored.filter((c) => c.openTimeMs >= horizon));
    for (const c of stored) {
      if (c.lastTradeId !== undefined) this.pipeline.resumeFrom(c.venue, c.symbol, c.lastTradeId, c.openTimeMs);
    }
  }

  private startLive(): void {
    const { endpoints, symbols } = this.config;
    const subscription = { symbols, trades: true, quotes: true };
    void this.probeRest();
    this.connection = new FeedConnection(
      {
        url: binanceSpotAdapter.url(endpoints.binanceSpotWs, subscription),
        subscribeMessages: binanceSpotAdapter.subscribeMessages(subscription),
        staleAfterMs: 30_000,
        minSendIntervalMs: 250,
        stableAfterMs: 60_000,
      },
      this.deps.socketFactory,
      this.deps.clock,
      {
        onFrame: (frame, receivedAtMs) => {
          const before = this.pipeline.trades;
          binanceSpotAdapter.parse(frame, receivedAtMs, this.pipeline);
          const added = this.pipeline.trades - before;
          this.liveTrades += added;
          if (added > 0 && this.source !== 'live') this.goLive();
          this.scheduleFrame();
        },
        onState: (state) => {
          this.connectionState = state;
          this.scheduleFrame();
        },
        onOpen: () => undefined,
      },
    );
    this.connection.start();
  }

  /** Checks the venue's REST once: region blocks (451/403) and unknown symbols show up here. */
  private async probeRest(): Promise<void> {
    try {
      const res = await this.deps.fetchText(
        exchangeInfoUrl(this.config.endpoints.binanceSpotRest, this.config.symbols),
      );
      if (res.status === 451 || res.status === 403) {
        this.connection?.stop();
        this.connectionState = { kind: 'region-blocked', detail: `Binance answered HTTP ${res.status}` };
        if (this.config.mode === 'auto') void this.startDemo('Demo data — Binance is not available in this region');
      } else if (res.status === 400) {
        this.connection?.stop();
        this.connectionState = { kind: 'rejected', detail: res.body.slice(0, 200) };
      }
    } catch {
      // Unreachable or CORS-refused REST says nothing about the websocket; the socket decides.
    }
    this.scheduleFrame();
  }

  private goLive(): void {
    this.source = 'live';
    this.demoReason = null;
    this.stopDemo();
  }

  private async startDemo(reason: string): Promise<void> {
    if (this.demo !== null || this.stopped) return;
    this.source = 'demo';
    this.demoReason = reason;
    const now = this.deps.clock.now();
    const stored = await this.deps.store.loadLatest('demo', this.config.symbols, this.config.timeframes);
    const lastMs = stored.reduce((m, c) => Math.max(m, c.openTimeMs), 0);
    this.aggregator.resume(stored.filter((c) => c.openTimeMs >= now - DEFAULT_LATENESS_MS));
    // Continue stored demo history if it is recent, else synthesise some so the chart has context.
    const startMs = lastMs > now - this.config.demoHistoryMs ? lastMs + 60_000 : now - this.config.demoHistoryMs;
    const seed = this.config.demoSeed ^ Math.floor(startMs / 60_000);
    this.demo = new DemoMarket(seed, Math.min(startMs, now));
    this.pumpDemo();
  }

  private pumpDemo(): void {
    const demo = this.demo;
    if (demo === null || this.stopped) return;
    const { trades } = demo.advance(this.deps.clock.now());
    for (const t of trades) if (this.config.symbols.includes(t.symbol)) this.pipeline.trade(t);
    this.scheduleFrame();
    this.demoTimer = this.deps.clock.setTimeout(() => this.pumpDemo(), 250);
  }

  private stopDemo(): void {
    if (this.demoTimer !== null) this.deps.clock.clearTimeout(this.demoTimer);
    this.demoTimer = null;
    this.demo = null;
  }

  private onControl(event: ControlEvent): void {
    this.connection?.handleControl(event);
  }

  private onGap(gap: Gap): void {
    if (gap.venue === 'demo') return; // the simulated market never drops trades
    this.gaps.found++;
    this.deps.store.recordGap(gap, 'pending');
    this.backfills.push(gap);
    if (!this.backfilling) void this.runBackfills();
  }

  /** Fills id gaps from REST, one page at a time, one gap at a time. */
  private async runBackfills(): Promise<void> {
    this.backfilling = true;
    const source = this.backfillSource;
    const integrity = this.pipeline.integrityOf(source.venue);
    while (this.backfills.length > 0 && !this.stopped) {
      const gap = this.backfills.shift() as Gap;
      let cursor = source.cursorForGap(gap);
      try {
        for (let page = 0; page < BACKFILL_MAX_PAGES; page++) {
          const res = await this.deps.fetchText(source.url(this.config.endpoints.binanceSpotRest, gap.symbol, cursor));
          if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
          const parsed = source.parse(res.body, gap.symbol);
          if (parsed.error !== undefined) throw new Error(parsed.error);
          // Only the missing ids: the rest of the page we already have.
          this.pipeline.backfill(
            parsed.trades.filter((t) => t.id !== undefined && t.id >= gap.fromId && t.id <= gap.toId),
          );
          this.scheduleFrame();
          if (source.done(parsed, gap) || parsed.next === null) break;
          cursor = parsed.next;
          await new Promise<void>((resolve) => this.deps.clock.setTimeout(resolve, BACKFILL_PAGE_PAUSE_MS));
        }
      } catch {
        // Counted below: the gap stays open.
      }
      const stillOpen = integrity
        .openGaps(gap.venue, gap.symbol)
        .some((g) => g.fromId <= gap.toId && g.toId >= gap.fromId);
      if (stillOpen) this.gaps.unfillable++;
      else this.gaps.backfilled++;
      this.deps.store.recordGap(gap, stillOpen ? 'unfillable' : 'backfilled');
    }
    this.backfilling = false;
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
    if (updates.length === 0 && !withHealth) return;
    const quotes = [...this.pipeline.latestQuotes.values()];
    this.pipeline.latestQuotes.clear();
    if (withHealth) {
      this.lastHealthMs = now;
      this.deps.push({ updates, quotes, health: this.health() });
    } else {
      this.deps.push({ updates, quotes });
    }
  }

  health(): FeedHealth {
    const now = this.deps.clock.now();
    const c = this.connection;
    const frames = c?.framesReceived ?? 0;
    const dt = (now - this.rate.atMs) / 1000;
    if (dt >= 1) {
      this.rate = {
        atMs: now,
        frames,
        trades: this.liveTrades,
        framesPerSec: (frames - this.rate.frames) / dt,
        tradesPerSec: (this.liveTrades - this.rate.trades) / dt,
      };
    }
    const store = this.deps.store;
    this.addNotices(store.takeNotices());
    return {
      source: this.source,
      demoReason: this.demoReason,
      connections:
        c === null
          ? []
          : [
              {
                id: 'binance-spot',
                venue: 'binance-spot',
                state: this.connectionState,
                framesPerSec: this.rate.framesPerSec,
                tradesPerSec: this.rate.tradesPerSec,
                lastMessageAgeMs: c.lastMessageAgeMs,
                reconnects: c.reconnects,
              },
            ],
      frames,
      trades: this.pipeline.trades,
      quotes: this.pipeline.quotes,
      rejects: { ...this.pipeline.rejects.counts },
      rejectSamples: { ...this.pipeline.rejects.samples },
      tooLate: this.pipeline.tooLate,
      gapsFound: this.gaps.found,
      gapsBackfilled: this.gaps.backfilled,
      gapsUnfillable: this.gaps.unfillable,
      candlesWritten: store.written,
      storageError: store.lastError?.message ?? null,
      storage: store.usage,
      storageNotices: [...this.notices],
    };
  }
}
