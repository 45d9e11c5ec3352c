import type { ConnectionState } from './connection-state';
import type { RejectCounts } from '../exchange/reject';

/** Per-connection health, read by the page's feed health panel. */
export interface ConnectionHealth {
  /** Stable id: the venue when it has one socket ("binance-spot"), else venue-endpoint ("binance-usdm-market"). */
  readonly id: string;
  readonly venue: string;
  /** Where it connects, credentials masked (redactUrl). */
  readonly endpoint: string;
  /** Instruments carried, in the venue's spelling. */
  readonly symbols: readonly string[];
  readonly state: ConnectionState;
  readonly framesPerSec: number;
  readonly tradesPerSec: number;
  readonly lastMessageAgeMs: number;
  readonly reconnects: number;
}

/**
 * Whether id gaps of a venue can be refilled from its REST: ok (probe answered), refused (the
 * browser may not read it: CORS or network), blocked (HTTP 451/403: region), none (the venue has
 * no such endpoint), unknown (not probed yet, or the probe failed in another way).
 */
export type BackfillAvailability = 'ok' | 'refused' | 'blocked' | 'none' | 'unknown';

export interface VenueHealth {
  readonly venue: string;
  readonly label: string;
  readonly gapsFound: number;
  readonly gapsBackfilled: number;
  readonly gapsUnfillable: number;
  readonly backfill: BackfillAvailability;
  /** Instruments the venue refused (bad symbol), with its words. */
  readonly rejectedSymbols: Readonly<Record<string, string>>;
}

export interface FeedHealth {
  /** Where the data on screen comes from right now. */
  readonly source: 'live' | 'demo' | 'none';
  /** Why we are on demo data, in words for the banner; null when live. */
  readonly demoReason: string | null;
  readonly connections: readonly ConnectionHealth[];
  readonly venues: readonly VenueHealth[];
  readonly frames: number;
  readonly trades: number;
  readonly quotes: number;
  readonly rejects: RejectCounts;
  readonly rejectSamples: Partial<Record<string, string>>;
  readonly tooLate: number;
  readonly gapsFound: number;
  readonly gapsBackfilled: number;
  readonly gapsUnfillable: number;
  readonly candlesWritten: number;
  readonly storageError: string | null;
  /** Origin storage use, when the browser tells. */
  readonly storage: { readonly usage: number; readonly quota: number } | null;
  /** What retention or a quota emergency evicted recently, newest last. */
  readonly storageNotices: readonly { readonly atMs: number; readonly text: string }[];
}
