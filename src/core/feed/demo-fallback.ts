import { DEFAULT_LATENESS_MS, type CandleAggregator } from '../candles/aggregator';
import type { Candle, CandleUpdate } from '../candles/candle';
import { timeframeMs } from '../candles/timeframe';
import { DEMO_INSTRUMENTS, DemoMarket, type DemoInstrument } from '../demo/demo-market';
import { demoSymbolFor } from '../instruments/symbols';
import { DEMO_HISTORY_CHUNK_MS, DemoHistory } from './demo-history';
import type { FeedConfig } from './feed-config';
import type { ConnectionHealth } from './feed-health';
import type { FeedDeps } from './feed-ports';
import type { IngestPipeline } from './ingest-pipeline';

/** How often the demo market is advanced (and its trades fed) while live. */
const PUMP_EVERY_MS = 250;

/** What the demo feed needs from the feed that runs it. */
export interface DemoHost {
  readonly config: FeedConfig;
  readonly deps: FeedDeps;
  readonly aggregator: CandleAggregator;
  readonly pipeline: IngestPipeline;
  readonly stopped: boolean;
  /** The demo is taking over, for `reason` (banner words). */
  demoBegins(reason: string): void;
  /** Whether the feed still wants the demo (a live trade may have come while stored bars loaded). */
  readonly wantsDemo: boolean;
  /** Bar updates made outside the feed's aggregator (synthesised history): sent with the next batch. */
  deliver(updates: readonly CandleUpdate[]): void;
  scheduleFrame(): void;
}

/**
 * The demo market standing in for the watch list. It continues the stored demo history: from
 * the newest stored bar's time and each instrument's last stored price (a reload never jumps);
 * the time since then, up to `demoHistoryMs`, is synthesised first in chunks (`DemoHistory`);
 * then the market is pumped every 250 ms through the feed's pipeline like a venue.
 */
export class DemoFallback {
  private demo: DemoMarket | null = null;
  private starting = false;
  private timer: unknown = null;
  private sinceMs = 0;
  private lastPumpMs = 0;
  private trades = 0;
  private rate = { atMs: 0, trades: 0, perSec: 0 };

  constructor(private readonly host: DemoHost) {}

  /** Running, or about to. */
  get engaged(): boolean {
    return this.demo !== null || this.starting;
  }

  get running(): boolean {
    return this.demo !== null;
  }

  /** The demo market's symbols standing in for the watch list (BTC anywhere → BTCUSDT). */
  symbols(): string[] {
    const out = new Set<string>();
    for (const key of this.host.config.instruments) {
      const symbol = demoSymbolFor(key);
      if (symbol !== null) out.add(symbol);
    }
    if (out.size === 0) out.add('BTCUSDT');
    return [...out];
  }

  async start(reason: string): Promise<void> {
    if (this.demo !== null || this.starting || this.host.stopped) return;
    this.starting = true;
    try {
      await this.begin(reason);
    } finally {
      this.starting = false;
    }
  }

  private async begin(reason: string): Promise<void> {
    const { host } = this;
    const { config, deps } = host;
    const symbols = this.symbols();
    host.demoBegins(reason);
    const now = deps.clock.now();
    const stored = await deps.store.loadLatest('demo', symbols, config.timeframes);
    if (this.demo !== null || host.stopped || !host.wantsDemo) return;
    const newest = newestBarPerSymbol(stored);
    const lastEndMs = Math.max(0, ...[...newest.values()].map((c) => c.openTimeMs + timeframeMs(c.timeframe)));
    const recent = stored.filter((c) => c.openTimeMs >= now - DEFAULT_LATENESS_MS);
    // Continue stored demo history if it is recent, else synthesise some so the chart has context.
    const startMs = Math.min(now, lastEndMs > now - config.demoHistoryMs ? lastEndMs : now - config.demoHistoryMs);
    const seed = config.demoSeed ^ Math.floor(startMs / 60_000);
    const demo = new DemoMarket(seed, startMs, continuing(DEMO_INSTRUMENTS, newest));
    this.demo = demo;
    this.sinceMs = now;
    const watched = new Set(symbols);
    if (now - startMs <= PUMP_EVERY_MS) {
      host.aggregator.resume(recent);
      this.pump(watched);
      return;
    }
    // Not awaited: the feed runs (and the page gets each chunk) while history is synthesised.
    void this.synthesise(demo, new DemoHistory(demo, watched, config.timeframes, recent), watched);
  }

  private async synthesise(demo: DemoMarket, history: DemoHistory, watched: ReadonlySet<string>): Promise<void> {
    const { host } = this;
    const { clock, requestFrame } = host.deps;
    // Market time runs on while history is made: each step aims at the current wall clock.
    while (this.demo === demo && !host.stopped && clock.now() - demo.timeMs > PUMP_EVERY_MS) {
      host.deliver(history.step(clock.now()));
      host.scheduleFrame();
      // One chunk a frame: each goes out as its own batch, and the worker answers the page
      // (views, flushes) in between.
      await new Promise<void>((resolve) => requestFrame(() => resolve()));
    }
    if (this.demo !== demo || host.stopped) return;
    host.aggregator.resume(history.forming());
    this.pump(watched);
  }

  private pump(symbols: ReadonlySet<string>): void {
    const { demo, host } = this;
    if (demo === null || host.stopped) return;
    const now = host.deps.clock.now();
    const { trades } = demo.advance(now);
    for (const t of trades) {
      if (!symbols.has(t.symbol)) continue;
      host.pipeline.trade(t);
      this.trades++;
    }
    this.lastPumpMs = now;
    host.scheduleFrame();
    this.timer = host.deps.clock.setTimeout(() => this.pump(symbols), PUMP_EVERY_MS);
  }

  stop(): void {
    if (this.timer !== null) this.host.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    this.demo = null;
  }

  /** The demo's row in the health panel; null while it is not running. */
  health(now: number): ConnectionHealth | null {
    const demo = this.demo;
    if (demo === null) return null;
    const dt = (now - this.rate.atMs) / 1000;
    if (dt >= 1) this.rate = { atMs: now, trades: this.trades, perSec: (this.trades - this.rate.trades) / dt };
    const catchingUp = now - demo.timeMs > PUMP_EVERY_MS + DEMO_HISTORY_CHUNK_MS;
    return {
      id: 'demo',
      venue: 'demo',
      endpoint: catchingUp
        ? `simulated market — writing history, at ${new Date(demo.timeMs).toISOString().slice(0, 16)}Z`
        : 'simulated market',
      symbols: this.symbols(),
      state: { kind: 'live', sinceMs: this.sinceMs },
      framesPerSec: this.lastPumpMs > 0 ? 1000 / PUMP_EVERY_MS : 0,
      tradesPerSec: this.rate.perSec,
      lastMessageAgeMs: this.lastPumpMs > 0 ? now - this.lastPumpMs : Infinity,
      reconnects: 0,
    };
  }
}

/** The newest stored bar of each symbol (its close is the last price seen). */
function newestBarPerSymbol(stored: readonly Candle[]): Map<string, Candle> {
  const out = new Map<string, Candle>();
  for (const c of stored) {
    const had = out.get(c.symbol);
    const end = c.openTimeMs + timeframeMs(c.timeframe);
    if (had === undefined || end > had.openTimeMs + timeframeMs(had.timeframe)) out.set(c.symbol, c);
  }
  return out;
}

/** The demo instruments starting from their last stored price, so a reload continues the chart. */
function continuing(instruments: readonly DemoInstrument[], newest: Map<string, Candle>): DemoInstrument[] {
  return instruments.map((spec) => {
    const close = Number(newest.get(spec.symbol)?.close);
    return Number.isFinite(close) && close > 0 ? { ...spec, startPrice: close } : spec;
  });
}
