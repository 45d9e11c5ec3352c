import type { TimeframeId } from '../../core/candles/timeframe';
import { parseInstrumentKey, type Quote, type VenueId } from '../../core/exchange/types';
import { demoSymbolFor } from '../../core/instruments/symbols';
import type { FeedHealth } from '../../core/feed/feed-health';

/** What the page knows about the running feed; updated from worker batches. */
export class FeedView {
  health = $state.raw<FeedHealth | null>(null);
  quotes = $state.raw<Record<string, Quote>>({});
  /** The instrument the chart follows, "venue:SYMBOL". */
  selected = $state('binance-spot:BTCUSDT');
  timeframe = $state<TimeframeId>('1m');
  /** Where the chart reads from: the selected instrument, or its demo stand-in while on demo data. */
  readonly series: { venue: VenueId; symbol: string } = $derived.by(() => {
    const parsed = parseInstrumentKey(this.selected) ?? { venue: 'binance-spot' as VenueId, symbol: 'BTCUSDT' };
    if (this.health?.source !== 'demo') return parsed;
    return { venue: 'demo', symbol: demoSymbolFor(this.selected) ?? 'BTCUSDT' };
  });

  get venue(): VenueId {
    return this.series.venue;
  }

  get symbol(): string {
    return this.series.symbol;
  }

  applyQuotes(quotes: readonly Quote[], drop: readonly string[] = []): void {
    if (quotes.length === 0 && drop.length === 0) return;
    const next: Record<string, Quote> = {};
    for (const [key, q] of Object.entries(this.quotes)) if (!drop.includes(key)) next[key] = q;
    for (const q of quotes) next[`${q.venue}:${q.symbol}`] = q;
    this.quotes = next;
  }
}

export const feedView = new FeedView();
