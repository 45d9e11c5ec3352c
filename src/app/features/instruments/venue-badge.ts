import { isLiveVenue, VENUE_PROFILES } from '../../../core/exchange/registry';

/** Short venue tags for dense lists, with a colour each. */
const BADGES: Readonly<Record<string, { short: string; color: string }>> = {
  'binance-spot': { short: 'BINANCE', color: '#f0b90b' },
  'binance-usdm': { short: 'BINANCE PERP', color: '#f0b90b' },
  coinbase: { short: 'COINBASE', color: '#3b82f6' },
  kraken: { short: 'KRAKEN', color: '#8b5cf6' },
  'bybit-spot': { short: 'BYBIT', color: '#f7a600' },
  'bybit-linear': { short: 'BYBIT PERP', color: '#f7a600' },
  okx: { short: 'OKX', color: '#e6edf3' },
  bitstamp: { short: 'BITSTAMP', color: '#22c55e' },
  finnhub: { short: 'FINNHUB', color: '#38bdf8' },
  demo: { short: 'DEMO', color: '#f0c000' },
};

export function venueBadge(venue: string): { short: string; color: string } {
  return BADGES[venue] ?? { short: venue.toUpperCase(), color: '#aab2bf' };
}

/** The venue's full name ("Binance USD-M futures"), or the id for unknown venues. */
export function venueLabel(venue: string): string {
  if (venue === 'demo') return 'Demo';
  return isLiveVenue(venue) ? VENUE_PROFILES[venue].label : venue;
}
