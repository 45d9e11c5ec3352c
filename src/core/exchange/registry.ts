import type { VenueProfile } from './adapter';
import { binanceSpotProfile } from './binance-spot/adapter';
import { binanceUsdmProfile } from './binance-usdm/adapter';
import { bitstampProfile } from './bitstamp/adapter';
import { bybitLinearProfile, bybitSpotProfile } from './bybit/adapter';
import { coinbaseProfile } from './coinbase/adapter';
import { finnhubProfile } from './finnhub/adapter';
import { krakenProfile } from './kraken/adapter';
import { okxProfile } from './okx/adapter';
import type { LiveVenueId } from './venues';

// The catalogue (labels, hosts) lives in `venues.ts`; it is re-exported so runtime code has one door.
export { isLiveVenue, LIVE_VENUES, VENUE_META, type LiveVenueId } from './venues';

/** Every live venue's profile by id. OKX here sizes spot only; see `createOkxProfile` for contracts. */
export const VENUE_PROFILES: Readonly<Record<LiveVenueId, VenueProfile>> = {
  'binance-spot': binanceSpotProfile,
  'binance-usdm': binanceUsdmProfile,
  coinbase: coinbaseProfile,
  kraken: krakenProfile,
  'bybit-spot': bybitSpotProfile,
  'bybit-linear': bybitLinearProfile,
  okx: okxProfile,
  bitstamp: bitstampProfile,
  finnhub: finnhubProfile,
};

export function venueProfile(venue: LiveVenueId): VenueProfile {
  return VENUE_PROFILES[venue];
}
