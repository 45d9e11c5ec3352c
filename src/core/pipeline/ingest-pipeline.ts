import type { CandleAggregator } from '../candles/aggregator';
import type { ControlEvent, FrameSink } from '../exchange/adapter';
import { RejectCounter, type RejectReason } from '../exchange/reject';
import { instrumentKey, type InstrumentKey, type Quote, type Trade, type VenueId } from '../exchange/types';
import { validateTrade } from '../exchange/validate';
import { IdWindow } from './id-window';

/** Missing trade ids between two trades we have (both ends inclusive). */
export interface TradeIdGap {
  readonly venue: VenueId;
  readonly symbol: string;
  readonly fromId: number;
  readonly toId: number;
  /** Time of the last trade before the gap and the first after it. */
  readonly afterTimeMs: number;
  readonly beforeTimeMs: number;
}

export interface PipelineHooks {
  onGap(gap: TradeIdGap): void;
  onControl(event: ControlEvent): void;
}

interface Sequence {
  lastId: number;
  lastTimeMs: number;
  readonly seen: IdWindow;
}

/**
 * Parse output → validation → dedup → gap check → aggregation. One instance serves all
 * connections of a feed; it is the FrameSink the venue parsers write into.
 */
export class IngestPipeline implements FrameSink {
  readonly rejects = new RejectCounter();
  trades = 0;
  quotes = 0;
  tooLate = 0;
  private readonly sequences = new Map<InstrumentKey, Sequence>();
  readonly latestQuotes = new Map<InstrumentKey, Quote>();

  constructor(
    private readonly aggregator: CandleAggregator,
    /** Venues whose trade ids are consecutive per symbol, so a jump is a gap. */
    private readonly consecutiveIds: ReadonlySet<VenueId>,
    private readonly hooks: PipelineHooks,
    private readonly now: () => number = Date.now,
  ) {}

  /** Where the stored history ends, so the first live trade after a reload can reveal a gap. */
  resumeFrom(venue: VenueId, symbol: string, lastId: number, lastTimeMs: number): void {
    const seq = this.sequence(venue, symbol);
    if (lastId > seq.lastId) {
      seq.lastId = lastId;
      seq.lastTimeMs = lastTimeMs;
    }
  }

  private sequence(venue: VenueId, symbol: string): Sequence {
    const key = instrumentKey(venue, symbol);
    let seq = this.sequences.get(key);
    if (seq === undefined) {
      seq = { lastId: -1, lastTimeMs: 0, seen: new IdWindow() };
      this.sequences.set(key, seq);
    }
    return seq;
  }

  trade(trade: Trade): void {
    this.accept(trade, true);
  }

  /** Trades from REST backfill: same checks, but they fill gaps instead of opening them. */
  backfill(trades: readonly Trade[]): number {
    let used = 0;
    for (const t of trades) if (this.accept(t, false)) used++;
    return used;
  }

  private accept(trade: Trade, detectGaps: boolean): boolean {
    const v = validateTrade(trade, this.now());
    if (!v.ok) {
      this.rejects.add(v.reason, v.detail);
      return false;
    }
    const id = trade.id;
    if (id !== undefined) {
      const seq = this.sequence(trade.venue, trade.symbol);
      if (seq.seen.has(id)) {
        this.rejects.add('duplicate', `${trade.symbol} #${id}`);
        return false;
      }
      if (id > seq.lastId) {
        if (detectGaps && seq.lastId >= 0 && id > seq.lastId + 1 && this.consecutiveIds.has(trade.venue)) {
          this.hooks.onGap({
            venue: trade.venue,
            symbol: trade.symbol,
            fromId: seq.lastId + 1,
            toId: id - 1,
            afterTimeMs: seq.lastTimeMs,
            beforeTimeMs: trade.timeMs,
          });
        }
        seq.lastId = id;
        seq.lastTimeMs = trade.timeMs;
      } else if (detectGaps && seq.lastId - id > 50_000 && this.consecutiveIds.has(trade.venue)) {
        // Far behind what we have and not remembered: an id reset on the venue side; follow it.
        seq.lastId = id;
        seq.lastTimeMs = trade.timeMs;
      }
      seq.seen.add(id);
    }
    if (this.aggregator.add(v.value) === 'too-late') {
      this.tooLate++;
      return false;
    }
    this.trades++;
    return true;
  }

  quote(quote: Quote): void {
    this.quotes++;
    this.latestQuotes.set(instrumentKey(quote.venue, quote.symbol), quote);
  }

  control(event: ControlEvent): void {
    if (event.kind === 'error') this.rejects.add('venue-error', event.message);
    this.hooks.onControl(event);
  }

  reject(reason: RejectReason, detail: string): void {
    this.rejects.add(reason, detail);
  }
}
