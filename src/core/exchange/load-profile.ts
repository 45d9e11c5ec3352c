import type { VenueProfile } from './adapter';
import type { OkxOptions } from './okx/adapter';
import type { LiveVenueId } from './venues';

/**
 * Each venue's runtime (parsers, subscribe messages, backfill) as its own chunk, fetched only for
 * venues the watch list uses: the demo feed loads none, a Binance-only desk loads Binance's. The
 * catalogue (labels, hosts, badges) stays static in `venues.ts`; `registry.ts` still gathers every
 * profile for tests and the command line, which need them all.
 */
const LOADERS: Readonly<Record<LiveVenueId, (okx: OkxOptions) => Promise<VenueProfile>>> = {
  'binance-spot': () => import('./binance-spot/adapter').then((m) => m.binanceSpotProfile),
  'binance-usdm': () => import('./binance-usdm/adapter').then((m) => m.binanceUsdmProfile),
  coinbase: () => import('./coinbase/adapter').then((m) => m.coinbaseProfile),
  kraken: () => import('./kraken/adapter').then((m) => m.krakenProfile),
  'bybit-spot': () => import('./bybit/adapter').then((m) => m.bybitSpotProfile),
  'bybit-linear': () => import('./bybit/adapter').then((m) => m.bybitLinearProfile),
  okx: (okx) =>
    import('./okx/adapter').then((m) => (okx.contracts === undefined ? m.okxProfile : m.createOkxProfile(okx))),
  bitstamp: () => import('./bitstamp/adapter').then((m) => m.bitstampProfile),
  finnhub: () => import('./finnhub/adapter').then((m) => m.finnhubProfile),
};

/** The runtime profile of one live venue; `okx`: OKX contract sizes, when the listing has them. */
export function loadVenueProfile(venue: LiveVenueId, okx: OkxOptions = {}): Promise<VenueProfile> {
  return LOADERS[venue](okx);
}
