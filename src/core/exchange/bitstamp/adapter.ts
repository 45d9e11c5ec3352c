import { bitstampMeta } from './meta';
import type { VenueAdapter, VenueProfile } from '../adapter';
import { parseBitstampFrame } from './parser';
import { bitstampPing, bitstampSubscribeMessages } from './subscribe';
import { BITSTAMP_WS } from './wire';

export const bitstampAdapter: VenueAdapter = {
  venue: 'bitstamp',
  url: (base) => base,
  subscribeMessages: bitstampSubscribeMessages,
  parse: parseBitstampFrame,
};

/** Bitstamp v2: live_trades and order_book (top-100 snapshots, best level as the quote). */
export const bitstampProfile: VenueProfile = {
  venue: 'bitstamp',
  label: bitstampMeta.label,
  exampleSymbol: bitstampMeta.exampleSymbol,
  endpoints: [
    {
      name: 'main',
      defaultBase: BITSTAMP_WS,
      adapter: bitstampAdapter,
      carries: { trades: true, quotes: true },
      keepAlive: bitstampPing,
      // Not documented [unv]: one channel per message, so pace subscribes gently.
      pacing: { maxMessagesPerSecond: 10, maxArgsPerMessage: 1, maxStreamsPerConnection: null },
      // Our heartbeat every 30 s gets an answer [unv].
      silenceMs: 75_000,
    },
  ],
  gapRule: 'monotonic',
  stale: { tradesMs: 300_000, quotesMs: 60_000 },
  auth: 'none',
  // REST transactions cover time windows (≤ 24 h) with no id cursor.
  backfill: [],
  parse: parseBitstampFrame,
};
