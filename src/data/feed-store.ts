import type { Candle } from '../core/candles/candle';
import type { TimeframeId } from '../core/candles/timeframe';
import type { FeedStore, GapState } from '../core/feed/feed-controller';
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
  /** The row id of each gap written, as a promise: states of one gap are written in order. */
  private readonly gapWrites = new Map<string, Promise<number | undefined>>();
  private readonly pendingGapWrites = new Set<Promise<unknown>>();
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
    // One row per gap: its later states update the row its first state added, in order.
    const previous = this.gapWrites.get(key);
    const write = (previous ?? Promise.resolve(undefined)).then((id) =>
      id === undefined ? this.db.gaps.add(row) : this.db.gaps.update(id, { state }).then(() => id),
    );
    const settled = write.catch(() => undefined);
    this.gapWrites.set(key, settled);
    this.pendingGapWrites.add(settled);
    void settled.finally(() => {
      this.pendingGapWrites.delete(settled);
      // A settled gap is written for the last time.
      if (state !== 'pending' && this.gapWrites.get(key) === settled) this.gapWrites.delete(key);
    });
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
    await Promise.all([this.candles.flush(), this.tape.flush(), ...this.pendingGapWrites]);
  }
}
