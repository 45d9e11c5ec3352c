import type { VenueProfile } from './adapter';
import { binanceSpotHistoricalTrades } from './binance-spot/backfill';
import { binanceSpotAdapter, parseBinanceSpotFrame } from './binance-spot/parser';
import { BINANCE_SPOT_WS } from './binance-spot/wire';
import { binanceUsdmProfile } from './binance-usdm/adapter';
import { bitstampProfile } from './bitstamp/adapter';
import { bybitLinearProfile, bybitSpotProfile } from './bybit/adapter';
import { coinbaseProfile } from './coinbase/adapter';
import { finnhubProfile } from './finnhub/adapter';
import { krakenProfile } from './kraken/adapter';
import { okxProfile } from './okx/adapter';
import { binanceSpotMeta } from './binance-spot/meta';
import type { LiveVenueId } from './venues';

// The catalogue (labels, hosts) lives in `venues.ts`; it is re-exported so runtime code has one door.
export { isLiveVenue, LIVE_VENUES, VENUE_META, type LiveVenueId } from './venues';

/** Binance spot: the adapter streams `@trade` (trade ids), so gaps refill from historicalTrades. */
export const binanceSpotProfile: VenueProfile = {
  venue: 'binance-spot',
  label: binanceSpotMeta.label,
  exampleSymbol: binanceSpotMeta.exampleSymbol,
  endpoints: [
    {
      name: 'main',
      defaultBase: BINANCE_SPOT_WS,
      adapter: binanceSpotAdapter,
      carries: { trades: true, quotes: true },
      // Server ping frames every 20 s, answered by the browser itself.
      keepAlive: null,
      // 5 incoming msgs/s counting pongs; streams ride on the URL so nothing else is sent.
      pacing: { maxMessagesPerSecond: 5, maxArgsPerMessage: null, maxStreamsPerConnection: 1024 },
      silenceMs: null,
    },
  ],
  gapRule: 'consecutive',
  stale: { tradesMs: 60_000, quotesMs: 30_000 },
  auth: 'none',
  backfill: [binanceSpotHistoricalTrades],
  parse: parseBinanceSpotFrame,
};

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
