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
import type { VenueId } from './types';

/** Venues with a live websocket feed (everything but the built-in demo). */
export type LiveVenueId = Exclude<VenueId, 'demo'>;

/** Binance spot: the adapter streams `@trade` (trade ids), so gaps refill from historicalTrades. */
export const binanceSpotProfile: VenueProfile = {
  venue: 'binance-spot',
  label: 'Binance spot',
  exampleSymbol: 'BTCUSDT',
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

export const LIVE_VENUES = Object.keys(VENUE_PROFILES) as LiveVenueId[];

export function isLiveVenue(value: string): value is LiveVenueId {
  return Object.prototype.hasOwnProperty.call(VENUE_PROFILES, value);
}

export function venueProfile(venue: LiveVenueId): VenueProfile {
  return VENUE_PROFILES[venue];
}
