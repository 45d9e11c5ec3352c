import type { Candle } from '../core/candles/candle';
import type { TimeframeId } from '../core/candles/timeframe';
import type { FeedStore, GapState } from '../core/feed/feed-ports';
import { isIdGap, type RecordedGap } from '../core/exchange/integrity/gap';
import type { Quote, Trade, VenueId } from '../core/exchange/types';
import { DEFAULT_RETENTION, type RetentionConfig } from '../core/storage/retention-policy';
import { CandleReader, CandleWriter, DEFAULT_WRITER_OPTIONS } from './candle-store';
import type { StoredGap, TapewatchDb } from './db';
import { estimateStorage, type StorageUsage } from './quota';
import { RetentionRunner } from './retention';
import { TapeWriter } from './tape-store';

/**
 * The feed's view of storage: batched bar, trade and quote writes, gap records, the newest
 * stored bars for resuming, and the retention policy (routine and under quota pressure).
 */
export class DexieFeedStore implements FeedStore {
  private readonly candles: CandleWriter;
  private readonly tape: TapeWriter;
  private readonly reader: CandleReader;
  private readonly retention: RetentionRunner;
  /** Row ids of gaps still pending (their settled state updates that row). */
  private readonly gapRowIds = new Map<string, number>();
  private gapWrites: Promise<void> = Promise.resolve();
  /** Eviction notices not yet shown to the user. */
  private notices: string[] = [];
  usage: StorageUsage | null = null;

  constructor(
    private readonly db: TapewatchDb,
    config: RetentionConfig = DEFAULT_RETENTION,
    estimate: () => Promise<StorageUsage | null> = estimateStorage,
  ) {
    this.retention = new RetentionRunner(db, config, estimate);
    const relieve = async () => {
      this.notices.push(...(await this.retention.relieve(Date.now())));
    };
    this.candles = new CandleWriter(db, DEFAULT_WRITER_OPTIONS, relieve);
    this.tape = new TapeWriter(db, relieve);
    this.reader = new CandleReader(db);
    this.estimate = estimate;
  }

  private readonly estimate: () => Promise<StorageUsage | null>;

  get written(): number {
    return this.candles.written;
  }

  get lastError(): Error | null {
    return this.candles.lastError ?? this.tape.lastError;
  }

  async loadLatest(venue: VenueId, symbols: readonly string[], timeframes: readonly TimeframeId[]): Promise<Candle[]> {
    const out: Candle[] = [];
    for (const symbol of symbols) {
      for (const timeframe of timeframes) out.push(...(await this.reader.latest({ venue, symbol, timeframe }, 1)));
    }
    return out;
  }

  put(candles: readonly Candle[]): void {
    this.candles.put(candles);
  }

  putTrade(trade: Trade): void {
    this.tape.putTrade(trade);
  }

  putQuote(quote: Quote): void {
    this.tape.putQuote(quote);
  }

  recordGap(gap: RecordedGap, state: GapState): void {
    const ids = isIdGap(gap);
    const key = ids
      ? `${gap.venue}|${gap.symbol}|#${gap.fromId}|${gap.toId}`
      : `${gap.venue}|${gap.symbol}|t${gap.fromTimeMs}|${gap.toTimeMs}`;
    const row: StoredGap = {
      venue: gap.venue,
      symbol: gap.symbol,
      fromTimeMs: gap.fromTimeMs,
      toTimeMs: gap.toTimeMs,
      ...(ids ? { fromTradeId: gap.fromId, toTradeId: gap.toId } : { detail: 'connection lost' }),
      state,
    };
    // One row per gap: writes run in order, so a settled state updates the row its pending state added.
    this.gapWrites = this.gapWrites
      .then(async () => {
        const id = this.gapRowIds.get(key);
        if (id !== undefined) await this.db.gaps.update(id, { state });
        const added = id === undefined ? await this.db.gaps.add(row) : undefined;
        if (state !== 'pending') this.gapRowIds.delete(key);
        else if (added !== undefined) this.gapRowIds.set(key, added);
      })
      .catch(() => undefined);
  }

  /** Routine retention and a fresh storage estimate; returns notices for the user. */
  async maintain(nowMs: number): Promise<string[]> {
    this.notices.push(...(await this.retention.sweep(nowMs)));
    this.usage = await this.estimate();
    const out = this.notices;
    this.notices = [];
    return out;
  }

  /** Notices from quota emergencies since the last call. */
  takeNotices(): string[] {
    const out = this.notices;
    this.notices = [];
    return out;
  }

  async flush(): Promise<void> {
    await Promise.all([this.candles.flush(), this.tape.flush(), this.gapWrites]);
  }
}
