import { CandleAggregator } from '../candles/aggregator';
import type { Candle, CandleUpdate } from '../candles/candle';
import { timeframeMs, type TimeframeId } from '../candles/timeframe';
import type { Trade } from '../exchange/types';
import { IngestPipeline } from '../feed/ingest-pipeline';

export { REPLAY_SPEEDS } from './replay-speeds';

/**
 * Replays a stored range on a virtual clock at 1×–1000×: trades go through the same pipeline and
 * aggregator as live data (a fresh, in-memory one: live history is never touched); a range with
 * only bars (imported klines) is revealed bar by bar as its close time passes.
 */
export class ReplaySession {
  private readonly aggregator: CandleAggregator;
  private readonly pipeline: IngestPipeline;
  private nextTrade = 0;
  private nextBar = 0;
  /** Virtual time: everything up to here has been played. */
  positionMs: number;
  speed = 10;

  constructor(
    private readonly trades: readonly Trade[],
    private readonly bars: readonly Candle[],
    readonly timeframes: readonly TimeframeId[],
    readonly fromMs: number,
    readonly toMs: number,
  ) {
    this.positionMs = fromMs;
    this.aggregator = new CandleAggregator({ timeframes, latenessMs: 60_000 });
    this.pipeline = new IngestPipeline(this.aggregator, new Map(), {
      onGap: () => undefined,
      onGapLost: () => undefined,
      onControl: () => undefined,
    });
  }

  get done(): boolean {
    return this.positionMs >= this.toMs;
  }

  /** Plays `wallMs` of real time at the current speed; returns the bar updates it produced. */
  advance(wallMs: number): CandleUpdate[] {
    return this.seekTo(Math.min(this.toMs, this.positionMs + wallMs * this.speed));
  }

  /** Plays forward to `timeMs` (never backwards: a replay is restarted to go back). */
  seekTo(timeMs: number): CandleUpdate[] {
    const until = Math.max(this.positionMs, Math.min(timeMs, this.toMs));
    while (this.nextTrade < this.trades.length && (this.trades[this.nextTrade] as Trade).timeMs <= until) {
      this.pipeline.trade(this.trades[this.nextTrade] as Trade);
      this.nextTrade++;
    }
    this.positionMs = until;
    this.aggregator.advanceTo(until);
    const updates = this.aggregator.drain();
    while (this.nextBar < this.bars.length) {
      const bar = this.bars[this.nextBar] as Candle;
      if (bar.openTimeMs + timeframeMs(bar.timeframe) > until + 1) break;
      updates.push({ kind: 'add', candle: bar });
      this.nextBar++;
    }
    if (this.done) updates.push(...this.aggregator.finish());
    return updates;
  }
}
