import { isLiveVenue, VENUE_META } from '../../../core/exchange/venues';

/** Short venue tags for dense lists, each with its palette colour (a CSS variable). */
const BADGES: Readonly<Record<string, { short: string; color: string }>> = {
  'binance-spot': { short: 'BINANCE', color: 'var(--venue-binance)' },
  'binance-usdm': { short: 'BINANCE PERP', color: 'var(--venue-binance)' },
  coinbase: { short: 'COINBASE', color: 'var(--venue-coinbase)' },
  kraken: { short: 'KRAKEN', color: 'var(--venue-kraken)' },
  'bybit-spot': { short: 'BYBIT', color: 'var(--venue-bybit)' },
  'bybit-linear': { short: 'BYBIT PERP', color: 'var(--venue-bybit)' },
  okx: { short: 'OKX', color: 'var(--venue-okx)' },
  bitstamp: { short: 'BITSTAMP', color: 'var(--venue-bitstamp)' },
  finnhub: { short: 'FINNHUB', color: 'var(--venue-finnhub)' },
  demo: { short: 'DEMO', color: 'var(--venue-demo)' },
};

export function venueBadge(venue: string): { short: string; color: string } {
  return BADGES[venue] ?? { short: venue.toUpperCase(), color: 'var(--text-dim)' };
}

/** The venue's full name ("Binance USD-M futures"), or the id for unknown venues. */
export function venueLabel(venue: string): string {
  if (venue === 'demo') return 'Demo';
  return isLiveVenue(venue) ? VENUE_META[venue].label : venue;
}
