import type { VenueProfile } from '../adapter';
import { binanceSpotHistoricalTrades } from './backfill';
import { binanceSpotMeta } from './meta';
import { binanceSpotAdapter, parseBinanceSpotFrame } from './parser';
import { BINANCE_SPOT_WS } from './wire';

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
