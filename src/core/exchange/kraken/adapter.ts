import { krakenMeta } from './meta';
import type { VenueAdapter, VenueProfile } from '../adapter';
import { krakenTrades } from './backfill';
import { parseKrakenFrame } from './parser';
import { krakenPing, krakenSubscribeMessages } from './subscribe';
import { KRAKEN_WS } from './wire';

export const krakenAdapter: VenueAdapter = {
  venue: 'kraken',
  url: (base) => base,
  subscribeMessages: krakenSubscribeMessages,
  parse: parseKrakenFrame,
};

/** Kraken spot websocket v2: trade (snapshot + updates), ticker with event_trigger bbo. */
export const krakenProfile: VenueProfile = {
  venue: 'kraken',
  label: krakenMeta.label,
  exampleSymbol: krakenMeta.exampleSymbol,
  endpoints: [
    {
      name: 'main',
      defaultBase: KRAKEN_WS,
      adapter: krakenAdapter,
      carries: { trades: true, quotes: true },
      keepAlive: krakenPing,
      // The message rate limit is dynamic and undocumented: stay well below anything plausible.
      pacing: { maxMessagesPerSecond: 5, maxArgsPerMessage: null, maxStreamsPerConnection: null },
      // heartbeat ~1/s whenever no other data flows (once something is subscribed).
      silenceMs: 10_000,
    },
  ],
  gapRule: 'consecutive',
  stale: { tradesMs: 120_000, quotesMs: 60_000 },
  auth: 'none',
  backfill: [krakenTrades],
  parse: parseKrakenFrame,
};
