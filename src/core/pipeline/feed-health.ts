import type { ConnectionState } from '../feed/connection-state';
import type { RejectCounts } from '../exchange/reject';

/** Per-connection health, read by the page's feed health panel. */
export interface ConnectionHealth {
  readonly id: string;
  readonly venue: string;
  readonly state: ConnectionState;
  readonly framesPerSec: number;
  readonly tradesPerSec: number;
  readonly lastMessageAgeMs: number;
  readonly reconnects: number;
}

export interface FeedHealth {
  /** Where the data on screen comes from right now. */
  readonly source: 'live' | 'demo' | 'none';
  /** Why we are on demo data, in words for the banner; null when live. */
  readonly demoReason: string | null;
  readonly connections: readonly ConnectionHealth[];
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
