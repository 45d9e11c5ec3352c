import type { TimeframeId } from '../../core/candles/timeframe';
import type { Quote, VenueId } from '../../core/exchange/types';
import type { FeedHealth } from '../../core/pipeline/feed-health';

/** What the page knows about the running feed; updated from worker batches. */
export class FeedView {
  health = $state.raw<FeedHealth | null>(null);
  quotes = $state.raw<Record<string, Quote>>({});
  symbol = $state('BTCUSDT');
  timeframe = $state<TimeframeId>('1m');
  /** Where the chart reads from: the live venue, or demo while the venue is unreachable. */
  venue: VenueId = $derived(this.health?.source === 'demo' ? 'demo' : 'binance-spot');

  applyQuotes(quotes: readonly Quote[]): void {
    if (quotes.length === 0) return;
    const next = { ...this.quotes };
    for (const q of quotes) next[`${q.venue}:${q.symbol}`] = q;
    this.quotes = next;
  }
}

export const feedView = new FeedView();
