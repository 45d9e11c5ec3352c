import { coinbaseMeta } from './meta';
import type { VenueAdapter, VenueProfile } from '../adapter';
import { coinbaseTrades } from './backfill';
import { parseCoinbaseFrame } from './parser';
import { coinbaseSubscribeMessages } from './subscribe';
import { COINBASE_WS } from './wire';

export const coinbaseAdapter: VenueAdapter = {
  venue: 'coinbase',
  url: (base) => base,
  subscribeMessages: coinbaseSubscribeMessages,
  parse: parseCoinbaseFrame,
};

/** Coinbase Exchange (ex-Pro) public feed: matches, ticker (BBO), heartbeat. */
export const coinbaseProfile: VenueProfile = {
  venue: 'coinbase',
  label: coinbaseMeta.label,
  exampleSymbol: coinbaseMeta.exampleSymbol,
  endpoints: [
    {
      name: 'main',
      defaultBase: COINBASE_WS,
      adapter: coinbaseAdapter,
      carries: { trades: true, quotes: true },
      // The heartbeat channel (subscribed always) is the keep-alive: 1 message/s per product.
      keepAlive: null,
      pacing: {
        maxMessagesPerSecond: 100,
        maxArgsPerMessage: null,
        maxStreamsPerConnection: null,
        subscribeWithinMs: 5_000,
      },
      silenceMs: 5_000,
    },
  ],
  // trade_id is contiguous per product; heartbeats name the newest one.
  gapRule: 'consecutive',
  // ticker is sent per match, so quotes are as quiet as trades.
  stale: { tradesMs: 120_000, quotesMs: 120_000 },
  auth: 'none',
  backfill: [coinbaseTrades],
  parse: parseCoinbaseFrame,
};
