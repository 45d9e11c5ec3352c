import type { CandleAggregator } from '../candles/aggregator';
import type { ControlEvent, FrameSink, GapRule, VenueProfile } from '../exchange/adapter';
import type { Gap } from '../exchange/integrity/gap';
import { TradeIntegrity, type IntegrityEvent } from '../exchange/integrity/trade-integrity';
import { RejectCounter, type RejectReason } from '../exchange/reject';
import type { LiveVenueId } from '../exchange/venues';
import { instrumentKey, type InstrumentKey, type Quote, type Trade, type VenueId } from '../exchange/types';
import { validateQuote, validateTrade } from '../exchange/validate';

export interface PipelineHooks {
  /** Ids are missing: the feed should backfill them. */
  onGap(gap: Gap): void;
  /** A gap was forgotten before it filled (memory bound): it is unfillable. */
  onGapLost(gap: Gap): void;
  onControl(event: ControlEvent): void;
  /** An accepted trade (after dedup and aggregation), for the raw-trade store. */
  onTrade?(trade: Trade): void;
  onQuote?(quote: Quote): void;
}

/**
 * How each venue's trade ids behave, from the venue profiles; the demo market's ids are
 * consecutive. Pass the profiles actually in use (an OKX profile with contracts, test doubles).
 */
export function gapRulesFrom(profiles: Readonly<Partial<Record<LiveVenueId, VenueProfile>>>): Map<VenueId, GapRule> {
  const rules = new Map<VenueId, GapRule>([['demo', 'consecutive']]);
  for (const profile of Object.values(profiles)) if (profile !== undefined) rules.set(profile.venue, profile.gapRule);
  return rules;
}

/**
 * Parse output → validation → integrity (dedup, order, gaps) → aggregation. One instance serves
 * all connections of a feed; it is the FrameSink the venue parsers write into.
 */
export class IngestPipeline implements FrameSink {
  readonly rejects = new RejectCounter();
  trades = 0;
  quotes = 0;
  tooLate = 0;
  private readonly integrity = new Map<VenueId, TradeIntegrity>();
  readonly latestQuotes = new Map<InstrumentKey, Quote>();

  constructor(
    private readonly aggregator: CandleAggregator,
    /** How each venue's trade ids behave (see `gapRulesFrom`); venues not listed get no id checks. */
    private readonly gapRules: ReadonlyMap<VenueId, GapRule>,
    private readonly hooks: PipelineHooks,
    private readonly now: () => number = Date.now,
  ) {}

  integrityOf(venue: VenueId): TradeIntegrity {
    let integrity = this.integrity.get(venue);
    if (integrity === undefined) {
      integrity = new TradeIntegrity({
        gapRule: this.gapRules.get(venue) ?? 'none',
        onEvent: (event) => this.onIntegrity(event),
      });
      this.integrity.set(venue, integrity);
    }
    return integrity;
  }

  private onIntegrity(event: IntegrityEvent): void {
    if (event.kind === 'gap-open') this.hooks.onGap(event.gap);
    else if (event.kind === 'gap-evict') this.hooks.onGapLost(event.gap);
  }

  /** Where the stored history ends, so a re-sent old trade is a duplicate and a jump is a gap. */
  resumeFrom(venue: VenueId, symbol: string, lastId: number, lastTimeMs: number): void {
    this.integrityOf(venue).resume(venue, symbol, lastId, lastTimeMs);
  }

  trade(trade: Trade): void {
    this.accept(trade);
  }

  /**
   * Trades from REST backfill: the same checks; they fill gaps instead of opening them. Returns
   * how many were used and the ones refused as too late (their gap stays open: unfillable).
   */
  backfill(trades: readonly Trade[]): { used: number; tooLate: Trade[] } {
    let used = 0;
    const tooLate: Trade[] = [];
    for (const t of trades) {
      const verdict = this.accept(t);
      if (verdict === 'ok') used++;
      else if (verdict === 'too-late') tooLate.push(t);
    }
    return { used, tooLate };
  }

  private accept(trade: Trade): 'ok' | 'too-late' | 'refused' {
    const v = validateTrade(trade, this.now());
    if (!v.ok) {
      this.rejects.add(v.reason, v.detail);
      return 'refused';
    }
    // A trade for a final bar is refused before integrity sees it: its id stays missing, so the
    // gap it belongs to is recorded unfillable rather than backfilled while the bar stays short.
    if (this.aggregator.isTooLate(trade)) {
      this.tooLate++;
      return 'too-late';
    }
    const verdict = this.integrityOf(trade.venue).accept(trade);
    if (verdict === 'duplicate' || verdict === 'out-of-window') {
      this.rejects.add(verdict, `${trade.symbol} #${String(trade.id)}`);
      return 'refused';
    }
    this.aggregator.add(v.value);
    this.trades++;
    this.hooks.onTrade?.(trade);
    return 'ok';
  }

  quote(quote: Quote): void {
    const v = validateQuote(quote, this.now());
    if (!v.ok) return this.rejects.add(v.reason, v.detail);
    this.quotes++;
    this.latestQuotes.set(instrumentKey(quote.venue, quote.symbol), quote);
    this.hooks.onQuote?.(quote);
  }

  control(event: ControlEvent): void {
    if (event.kind === 'error') this.rejects.add('venue-error', event.message);
    this.hooks.onControl(event);
  }

  reject(reason: RejectReason, detail: string): void {
    this.rejects.add(reason, detail);
  }
}
