import type { AlertFiring } from '../alerts';
import type { AnalyticsFrame } from '../analytics/analytics-view';
import type { Candle, CandleUpdate } from '../candles/candle';
import type { TimeframeId } from '../candles/timeframe';
import type { VenueProfile } from '../exchange/adapter';
import type { RecordedGap } from '../exchange/integrity/gap';
import type { LiveVenueId } from '../exchange/registry';
import type { Quote, Trade, VenueId } from '../exchange/types';
import type { GapState } from './backfill-scheduler';
import type { FeedHealth } from './feed-health';
import type { FetchText } from './http';
import type { Clock, SocketFactory } from './socket';

/** What the feed sends the page: coalesced, at most once per animation frame. */
export interface FeedBatch {
  readonly updates: readonly CandleUpdate[];
  readonly quotes: readonly Quote[];
  /** Instruments ("venue:SYMBOL") whose cached quote is void (the venue reset its book). */
  readonly dropQuotes?: readonly string[];
  readonly health?: FeedHealth;
  /** Indicator and pair values of the view on screen (see `AnalyticsView`), when any changed. */
  readonly analytics?: AnalyticsFrame;
  /** Alert firings, each stored once (unique dedup key) before it is sent; only the leader evaluates. */
  readonly alerts?: readonly AlertFiring[];
}

/** The analytics stage as the emit path sees it (`AnalyticsStage`). */
export interface AnalyticsStep {
  /** Values for one drained batch of bar updates (and any rebuilt view waiting); null: nothing new. */
  frame(updates: readonly CandleUpdate[]): AnalyticsFrame | null;
}

/** The alert stage as the emit path sees it (`AlertStage`). */
export interface AlertStep {
  /** Judges one drained batch (and a health report when one is made); returns stored firings waiting to go out. */
  frame(updates: readonly CandleUpdate[], health: FeedHealth | null, nowMs: number): readonly AlertFiring[];
}

export type { GapState } from './backfill-scheduler';

export interface FeedStore {
  /** The newest stored bar per symbol and timeframe (the forming one after a reload). */
  loadLatest(venue: VenueId, symbols: readonly string[], timeframes: readonly TimeframeId[]): Promise<Candle[]>;
  put(candles: readonly Candle[]): void;
  putTrade(trade: Trade): void;
  putQuote(quote: Quote): void;
  /** Id gaps as they are found and settled; outage gaps (no ids) arrive settled, unfillable. */
  recordGap(gap: RecordedGap, state: GapState, detail?: string): void;
  /** Runs retention; returns notices of what was evicted. */
  maintain(nowMs: number): Promise<string[]>;
  /** Notices from quota emergencies during writes. */
  takeNotices(): string[];
  flush(): Promise<void>;
  readonly written: number;
  readonly lastError: Error | null;
  readonly usage: { readonly usage: number; readonly quota: number } | null;
}

/** Small persistent key-value store (IndexedDB settings in the app) for probe answers. */
export interface KeyValueCache {
  read(key: string): Promise<unknown>;
  write(key: string, value: unknown): Promise<void>;
}

export interface FeedDeps {
  readonly socketFactory: SocketFactory;
  readonly clock: Clock;
  readonly fetchText: FetchText;
  readonly store: FeedStore;
  readonly push: (batch: FeedBatch) => void;
  /** Schedules a callback before the next paint (worker rAF), or soon. */
  readonly requestFrame: (callback: () => void) => void;
  /** Where REST probe answers are remembered across sessions; none: probe every start. */
  readonly cache?: KeyValueCache;
  /** Backoff jitter source (tests pass a fixed one). */
  readonly random?: () => number;
  /** Runs on every drained batch; its frame rides in the same batch. */
  readonly analytics?: AnalyticsStep;
  /** Runs on every drained batch after analytics; its firings ride in the same batch. */
  readonly alerts?: AlertStep;
  /** Venue profiles to use instead of the registry's (tests). */
  readonly profiles?: Readonly<Partial<Record<LiveVenueId, VenueProfile>>>;
}
