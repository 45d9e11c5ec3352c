import { binanceUsdmMeta } from './meta';
import type { SubscribePacing, VenueAdapter, VenueEndpoint, VenueProfile } from '../adapter';
import { binanceUsdmAggTrades } from './backfill';
import { parseBinanceUsdmFrame } from './parser';
import { binanceUsdmMarketStreams, binanceUsdmPublicStreams, binanceUsdmStreamUrl } from './subscribe';
import { BINANCE_USDM_MARKET_WS, BINANCE_USDM_PUBLIC_WS } from './wire';

/** /market socket: aggTrade streams. */
export const binanceUsdmMarketAdapter: VenueAdapter = {
  venue: 'binance-usdm',
  url: (base, subscription) => binanceUsdmStreamUrl(base, binanceUsdmMarketStreams(subscription)),
  subscribeMessages: () => [],
  parse: parseBinanceUsdmFrame,
};

/** /public socket: bookTicker streams. */
export const binanceUsdmPublicAdapter: VenueAdapter = {
  venue: 'binance-usdm',
  url: (base, subscription) => binanceUsdmStreamUrl(base, binanceUsdmPublicStreams(subscription)),
  subscribeMessages: () => [],
  parse: parseBinanceUsdmFrame,
};

// 10 incoming msgs/s; 1024 streams documented but older clients keep ≤ 200, which is safe.
const pacing: SubscribePacing = { maxMessagesPerSecond: 10, maxArgsPerMessage: null, maxStreamsPerConnection: 200 };

const endpoints: readonly VenueEndpoint[] = [
  {
    name: 'market',
    defaultBase: BINANCE_USDM_MARKET_WS,
    adapter: binanceUsdmMarketAdapter,
    carries: { trades: true, quotes: false },
    // Server ping frames every 3 min, answered by the browser; nothing app-level on quiet symbols.
    keepAlive: null,
    pacing,
    silenceMs: null,
  },
  {
    name: 'public',
    defaultBase: BINANCE_USDM_PUBLIC_WS,
    adapter: binanceUsdmPublicAdapter,
    carries: { trades: false, quotes: true },
    keepAlive: null,
    pacing,
    silenceMs: null,
  },
];

/**
 * Binance USDⓈ-M futures. Two sockets since the 2026 split: the retired /ws base still opens but
 * goes silent, so the per-channel stale budgets are what catches a wrong base.
 */
export const binanceUsdmProfile: VenueProfile = {
  venue: 'binance-usdm',
  // Plain "USD-M": the Ⓢ glyph is missing from common system fonts and renders as a box.
  label: binanceUsdmMeta.label,
  exampleSymbol: binanceUsdmMeta.exampleSymbol,
  endpoints,
  // Aggregate ids `a` are consecutive per symbol (and f = previous l + 1).
  gapRule: 'consecutive',
  stale: { tradesMs: 60_000, quotesMs: 30_000 },
  auth: 'none',
  backfill: [binanceUsdmAggTrades],
  parse: parseBinanceUsdmFrame,
};
