import { CandleAggregator, DEFAULT_LATENESS_MS } from '../candles/aggregator';
import type { Candle, CandleUpdate } from '../candles/candle';
import type { TimeframeId } from '../candles/timeframe';
import type { DemoMarket } from '../demo/demo-market';
import { validateTrade } from '../exchange/validate';

/** Market time synthesised per step: ~400 bar updates and a few tens of ms of work per symbol. */
export const DEMO_HISTORY_CHUNK_MS = 5 * 60_000;

/**
 * Synthesises demo history from the market's clock up to `untilMs`, one chunk a step, oldest
 * first, through its own aggregator: the feed's aggregator closes bars on the wall clock and
 * would refuse hours-old trades, and synthetic raw trades are not worth writing (only the bars
 * are kept). Each step's bar updates go out like live ones (store, analytics, page), so the
 * chart fills from the left within a second or two instead of waiting for one giant batch.
 */
export class DemoHistory {
  private readonly aggregator: CandleAggregator;
  /** The latest version of every bar not yet final, for the hand-over to the live aggregator. */
  private readonly open = new Map<string, Candle>();

  constructor(
    private readonly market: DemoMarket,
    private readonly symbols: ReadonlySet<string>,
    timeframes: readonly TimeframeId[],
    /** Stored forming bars that the synthesised trades continue. */
    resumed: readonly Candle[],
  ) {
    this.aggregator = new CandleAggregator({ timeframes, latenessMs: DEFAULT_LATENESS_MS });
    this.aggregator.resume(resumed);
    for (const c of resumed) if (!c.closed) this.open.set(barId(c), c);
  }

  /** Advances one chunk towards `untilMs`; returns its bar updates (empty once there). */
  step(untilMs: number): CandleUpdate[] {
    const to = Math.min(untilMs, this.market.timeMs + DEMO_HISTORY_CHUNK_MS);
    if (to <= this.market.timeMs) return [];
    const { trades } = this.market.advance(to);
    for (const t of trades) {
      if (!this.symbols.has(t.symbol)) continue;
      const valid = validateTrade(t, to);
      if (valid.ok) this.aggregator.add(valid.value);
    }
    this.aggregator.advanceTo(to);
    const updates = this.aggregator.drain();
    for (const u of updates) {
      if (u.candle.closed) this.open.delete(barId(u.candle));
      else this.open.set(barId(u.candle), u.candle);
    }
    return updates;
  }

  /** The bars still forming at the end, for the live aggregator to continue. */
  forming(): Candle[] {
    return [...this.open.values()];
  }
}

function barId(c: Candle): string {
  return `${c.symbol}|${c.timeframe}|${c.openTimeMs}`;
}
