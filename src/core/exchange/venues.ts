import { binanceSpotMeta } from './binance-spot/meta';
import { binanceUsdmMeta } from './binance-usdm/meta';
import { bitstampMeta } from './bitstamp/meta';
import { bybitLinearMeta, bybitSpotMeta } from './bybit/meta';
import { coinbaseMeta } from './coinbase/meta';
import { finnhubMeta } from './finnhub/meta';
import { krakenMeta } from './kraken/meta';
import { okxMeta } from './okx/meta';
import type { LiveVenueId, VenueMeta } from './venue-meta';

export type { LiveVenueId, VenueMeta } from './venue-meta';

/**
 * Every live venue's catalogue entry, one line per venue: the page's door to venues. The runtime
 * profiles (`registry.ts`: parsers, backfill) are keyed by the same ids, and a test checks each
 * profile agrees with its entry here, so a venue is added in its folder plus one line in each.
 */
export const VENUE_META: Readonly<Record<LiveVenueId, VenueMeta>> = {
  'binance-spot': binanceSpotMeta,
  'binance-usdm': binanceUsdmMeta,
  coinbase: coinbaseMeta,
  kraken: krakenMeta,
  'bybit-spot': bybitSpotMeta,
  'bybit-linear': bybitLinearMeta,
  okx: okxMeta,
  bitstamp: bitstampMeta,
  finnhub: finnhubMeta,
};

export const LIVE_VENUES = Object.keys(VENUE_META) as LiveVenueId[];

export function isLiveVenue(value: string): value is LiveVenueId {
  return Object.prototype.hasOwnProperty.call(VENUE_META, value);
}
