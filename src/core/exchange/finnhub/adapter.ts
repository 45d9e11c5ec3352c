import { finnhubMeta } from './meta';
import type { VenueAdapter, VenueProfile } from '../adapter';
import { parseFinnhubFrame } from './parser';
import { finnhubSubscribeMessages, finnhubUrl } from './subscribe';
import { FINNHUB_WS } from './wire';

export const finnhubAdapter: VenueAdapter = {
  venue: 'finnhub',
  url: finnhubUrl,
  subscribeMessages: finnhubSubscribeMessages,
  parse: parseFinnhubFrame,
};

/**
 * Finnhub (keyed): batched trades for stocks, forex and crypto; no side, no id, no quotes.
 * Free tier: commonly 50 symbols and 1 socket per key [unv], so never split into more sockets.
 */
export const finnhubProfile: VenueProfile = {
  venue: 'finnhub',
  label: finnhubMeta.label,
  exampleSymbol: finnhubMeta.exampleSymbol,
  endpoints: [
    {
      name: 'main',
      defaultBase: FINNHUB_WS,
      adapter: finnhubAdapter,
      carries: { trades: true, quotes: false },
      // The server sends {"type":"ping"}; nothing to send.
      keepAlive: null,
      pacing: { maxMessagesPerSecond: 10, maxArgsPerMessage: 1, maxStreamsPerConnection: null },
      // Server ping cadence is undocumented [unv]: do not judge the socket by silence alone.
      silenceMs: null,
    },
  ],
  gapRule: 'none',
  // Stocks are silent outside market hours: the trade budget only applies while a market is open.
  stale: { tradesMs: 300_000, quotesMs: null },
  auth: 'token-in-url',
  backfill: [],
  parse: parseFinnhubFrame,
};
