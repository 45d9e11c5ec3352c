import type { Candle } from '../core/candles/candle';
import type { TimeframeId } from '../core/candles/timeframe';
import type { VenueId } from '../core/exchange/types';
import type { TapewatchDb } from './db';
import { writeWithQuotaRetry } from './quota';

export interface SeriesKey {
  readonly venue: VenueId;
  readonly symbol: string;
  readonly timeframe: TimeframeId;
}

function pk(c: Candle): string {
  return `${c.venue}|${c.symbol}|${c.timeframe}|${c.openTimeMs}`;
}

/** Reads bars by range with an index cursor; never loads a whole table. */
export class CandleReader {
  constructor(private readonly db: TapewatchDb) {}

  /** Bars with fromMs ≤ openTime ≤ toMs, oldest first. */
  range(key: SeriesKey, fromMs: number, toMs: number): Promise<Candle[]> {
    return this.db.candles
      .where('[venue+symbol+timeframe+openTimeMs]')
      .between([key.venue, key.symbol, key.timeframe, fromMs], [key.venue, key.symbol, key.timeframe, toMs], true, true)
      .toArray();
  }

  /** The newest `limit` bars at or before `beforeMs`, oldest first. */
  async latest(key: SeriesKey, limit: number, beforeMs = Number.MAX_SAFE_INTEGER): Promise<Candle[]> {
    const rows = await this.db.candles
      .where('[venue+symbol+timeframe+openTimeMs]')
      .between(
        [key.venue, key.symbol, key.timeframe, -Infinity],
        [key.venue, key.symbol, key.timeframe, beforeMs],
        true,
        true,
      )
      .reverse()
      .limit(limit)
      .toArray();
    return rows.reverse();
  }

  count(key: SeriesKey): Promise<number> {
    return this.db.candles
      .where('[venue+symbol+timeframe+openTimeMs]')
      .between([key.venue, key.symbol, key.timeframe, -Infinity], [key.venue, key.symbol, key.timeframe, Infinity])
      .count();
  }
}

export interface WriterOptions {
  /** Longest a bar waits in memory before it is written. */
  readonly maxDelayMs: number;
  /** Rows that trigger a write at once. */
  readonly maxRows: number;
}

export const DEFAULT_WRITER_OPTIONS: WriterOptions = { maxDelayMs: 250, maxRows: 2_000 };

/**
 * Coalesces bar writes: the forming bar changes on every trade, but only its latest version per
 * flush is written, in one transaction with the closed bars. A failed write keeps its batch.
 */
export class CandleWriter {
  private pending = new Map<string, Candle>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> = Promise.resolve();
  /** Rows written since start; for the health panel and benchmarks. */
  written = 0;
  lastError: Error | null = null;

  constructor(
    private readonly db: TapewatchDb,
    private readonly options: WriterOptions = DEFAULT_WRITER_OPTIONS,
    /** Frees space when the origin is out of quota (the retention policy). */
    private readonly relieve: () => Promise<void> = async () => undefined,
  ) {}

  put(candles: Iterable<Candle>): void {
    for (const c of candles) this.pending.set(pk(c), c);
    if (this.pending.size >= this.options.maxRows) this.flushQuietly();
    else if (this.timer === null && this.pending.size > 0) {
      this.timer = setTimeout(() => this.flushQuietly(), this.options.maxDelayMs);
    }
  }

  get pendingRows(): number {
    return this.pending.size;
  }

  /** Writes everything pending; resolves when it is committed. */
  flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    // Chain after the previous write whatever its outcome, so writes stay ordered.
    this.inFlight = this.inFlight.catch(() => undefined).then(() => this.writePending());
    return this.inFlight;
  }

  /** Timer-driven flush: a failure is kept in `lastError` and retried, not thrown. */
  private flushQuietly(): void {
    this.flush().catch(() => undefined);
  }

  private async writePending(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      const rows = [...batch.values()];
      await writeWithQuotaRetry(() => this.db.candles.bulkPut(rows).then(() => undefined), this.relieve);
      this.written += batch.size;
      this.lastError = null;
    } catch (error) {
      // Keep the batch, but let newer versions of the same bars win.
      for (const [key, candle] of batch) if (!this.pending.has(key)) this.pending.set(key, candle);
      this.lastError = error instanceof Error ? error : new Error(String(error));
      if (this.timer === null) this.timer = setTimeout(() => this.flushQuietly(), 1_000);
      throw this.lastError;
    }
  }
}
