import { bybitLinearMeta, bybitSpotMeta } from './meta';
import type { VenueAdapter, VenueEndpoint, VenueProfile } from '../adapter';
import { parseBybitLinearFrame, parseBybitSpotFrame } from './parser';
import { BYBIT_SPOT_MAX_ARGS, bybitPing, bybitSubscribeMessages } from './subscribe';
import { BYBIT_LINEAR_WS, BYBIT_SPOT_WS } from './wire';

export const bybitSpotAdapter: VenueAdapter = {
  venue: 'bybit-spot',
  url: (base) => base,
  subscribeMessages: (subscription) => bybitSubscribeMessages(subscription, BYBIT_SPOT_MAX_ARGS),
  parse: parseBybitSpotFrame,
};

export const bybitLinearAdapter: VenueAdapter = {
  venue: 'bybit-linear',
  url: (base) => base,
  subscribeMessages: (subscription) => bybitSubscribeMessages(subscription, null),
  parse: parseBybitLinearFrame,
};

function endpoint(defaultBase: string, adapter: VenueAdapter, maxArgsPerMessage: number | null): VenueEndpoint {
  return {
    name: 'main',
    defaultBase,
    adapter,
    carries: { trades: true, quotes: true },
    keepAlive: bybitPing,
    // Request rate per socket is not documented [unv]; the args of one socket must stay < 21,000 chars.
    pacing: { maxMessagesPerSecond: 10, maxArgsPerMessage, maxStreamsPerConnection: null },
    // A pong every 20 s at least.
    silenceMs: 45_000,
  };
}

const common = {
  // Ids are UUIDs (linear) or shared across symbols (spot): only time-based health applies.
  gapRule: 'none',
  // orderbook.1 re-sends an unchanged book every 3 s.
  stale: { tradesMs: 120_000, quotesMs: 10_000 },
  auth: 'none',
  // recent-trade has no cursor or fromId: nothing can refill a gap.
  backfill: [],
} as const;

export const bybitSpotProfile: VenueProfile = {
  ...common,
  venue: 'bybit-spot',
  label: bybitSpotMeta.label,
  exampleSymbol: bybitSpotMeta.exampleSymbol,
  endpoints: [endpoint(BYBIT_SPOT_WS, bybitSpotAdapter, BYBIT_SPOT_MAX_ARGS)],
  parse: parseBybitSpotFrame,
};

export const bybitLinearProfile: VenueProfile = {
  ...common,
  venue: 'bybit-linear',
  label: bybitLinearMeta.label,
  exampleSymbol: bybitLinearMeta.exampleSymbol,
  endpoints: [endpoint(BYBIT_LINEAR_WS, bybitLinearAdapter, null)],
  parse: parseBybitLinearFrame,
};
