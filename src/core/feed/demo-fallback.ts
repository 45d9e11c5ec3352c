import { DEFAULT_LATENESS_MS, type CandleAggregator } from '../candles/aggregator';
import { DemoMarket } from '../demo/demo-market';
import { demoSymbolFor } from '../instruments/symbols';
import type { FeedConfig } from './feed-config';
import type { FeedDeps } from './feed-ports';
import type { IngestPipeline } from './ingest-pipeline';

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
  scheduleFrame(): void;
}

/** The demo market standing in for the watch list: resumed from stored demo bars, pumped every 250 ms. */
export class DemoFallback {
  private demo: DemoMarket | null = null;
  private starting = false;
  private timer: unknown = null;

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
    const lastMs = stored.reduce((m, c) => Math.max(m, c.openTimeMs), 0);
    host.aggregator.resume(stored.filter((c) => c.openTimeMs >= now - DEFAULT_LATENESS_MS));
    // Continue stored demo history if it is recent, else synthesise some so the chart has context.
    const startMs = lastMs > now - config.demoHistoryMs ? lastMs + 60_000 : now - config.demoHistoryMs;
    const seed = config.demoSeed ^ Math.floor(startMs / 60_000);
    this.demo = new DemoMarket(seed, Math.min(startMs, now));
    this.pump(new Set(symbols));
  }

  private pump(symbols: ReadonlySet<string>): void {
    const { demo, host } = this;
    if (demo === null || host.stopped) return;
    const { trades } = demo.advance(host.deps.clock.now());
    for (const t of trades) if (symbols.has(t.symbol)) host.pipeline.trade(t);
    host.scheduleFrame();
    this.timer = host.deps.clock.setTimeout(() => this.pump(symbols), 250);
  }

  stop(): void {
    if (this.timer !== null) this.host.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    this.demo = null;
  }
}
