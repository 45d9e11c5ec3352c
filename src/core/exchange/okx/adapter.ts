import { okxMeta } from './meta';
import type { VenueAdapter, VenueProfile } from '../adapter';
import { createOkxHistoryTrades } from './backfill';
import { createOkxParser } from './parser';
import { OKX_MAX_ARGS, okxPing, okxSubscribeMessages } from './subscribe';
import { OKX_PUBLIC_WS, type OkxContractLookup } from './wire';

export interface OkxOptions {
  /** ctVal per SWAP/FUTURES instId (from /api/v5/public/instruments); spot needs none. */
  readonly contracts?: OkxContractLookup;
}

export function createOkxAdapter(options: OkxOptions = {}): VenueAdapter {
  return {
    venue: 'okx',
    url: (base) => base,
    subscribeMessages: okxSubscribeMessages,
    parse: createOkxParser(options.contracts),
  };
}

/** OKX v5 public: trades + bbo-tbt on /public (candles and trades-all live on /business). */
export function createOkxProfile(options: OkxOptions = {}): VenueProfile {
  const adapter = createOkxAdapter(options);
  return {
    venue: 'okx',
    label: okxMeta.label,
    exampleSymbol: okxMeta.exampleSymbol,
    endpoints: [
      {
        name: 'main',
        defaultBase: OKX_PUBLIC_WS,
        adapter,
        carries: { trades: true, quotes: true },
        keepAlive: okxPing,
        pacing: {
          // No per-second message cap is documented [unv]; 480 subscribe ops/hour is the hard one.
          maxMessagesPerSecond: 3,
          maxArgsPerMessage: OKX_MAX_ARGS,
          maxStreamsPerConnection: null,
          maxSubscribeOpsPerHour: 480,
        },
        // We ping every 20 s and the server answers at once: 30 s of nothing is a dead socket.
        silenceMs: 30_000,
      },
    ],
    // tradeId per instId; `count` aggregates are ids firstId..tradeId [rep, unverified live].
    gapRule: 'consecutive',
    stale: { tradesMs: 120_000, quotesMs: 60_000 },
    auth: 'none',
    backfill: [createOkxHistoryTrades(options.contracts)],
    parse: adapter.parse,
  };
}

/** Default profile: spot instruments size correctly; SWAP/FUTURES need `createOkxProfile({ contracts })`. */
export const okxProfile: VenueProfile = createOkxProfile();
