import type { Candle } from '../core/candles/candle';
import type { TimeframeId } from '../core/candles/timeframe';
import type { FeedStore, GapState } from '../core/feed/feed-ports';
import type { RecordedGap } from '../core/exchange/integrity/gap';
import type { Quote, Trade, VenueId } from '../core/exchange/types';
import { DEFAULT_RETENTION, type RetentionConfig } from '../core/storage/retention-policy';
import { CandleReader, CandleWriter, DEFAULT_WRITER_OPTIONS } from './candle-store';
import type { TapewatchDb } from './db';
import { GapWriter } from './gap-writer';
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
  private readonly gaps: GapWriter;
  /** Eviction notices not yet shown to the user. */
  private notices: string[] = [];
  usage: StorageUsage | null = null;

  constructor(
    private readonly db: TapewatchDb,
    config: RetentionConfig = DEFAULT_RETENTION,
    estimate: () => Promise<StorageUsage | null> = estimateStorage,
    /**
     * Keep raw trades and quote samples. Off for in-memory storage: they serve only replay and
     * export (off without storage) and would be most of the memory used.
     */
    private readonly keepTape = true,
  ) {
    this.retention = new RetentionRunner(db, config, estimate);
    // Writers that hit the quota together share one eviction pass: two passes at once would each
    // evict half of what is left and race each other's reads of the oldest rows.
    let relieving: Promise<void> | null = null;
    const relieve = () =>
      (relieving ??= this.retention
        .relieve(Date.now())
        .then((notices) => void this.notices.push(...notices))
        .finally(() => (relieving = null)));
    this.candles = new CandleWriter(db, DEFAULT_WRITER_OPTIONS, relieve);
    this.tape = new TapeWriter(db, relieve);
    this.gaps = new GapWriter(db, relieve);
    this.reader = new CandleReader(db);
    this.estimate = estimate;
    // A first estimate now, not at the first retention run: the health panel shows it at once.
    void estimate()
      .then((usage) => (this.usage ??= usage))
      .catch(() => undefined);
  }

  private readonly estimate: () => Promise<StorageUsage | null>;

  get written(): number {
    return this.candles.written;
  }

  get lastError(): Error | null {
    return this.candles.lastError ?? this.tape.lastError ?? this.gaps.lastError;
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
    if (this.keepTape) this.tape.putTrade(trade);
  }

  putQuote(quote: Quote): void {
    if (this.keepTape) this.tape.putQuote(quote);
  }

  recordGap(gap: RecordedGap, state: GapState, detail?: string): void {
    this.gaps.record(gap, state, detail);
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
    await Promise.all([this.candles.flush(), this.tape.flush(), this.gaps.flush()]);
  }
}
