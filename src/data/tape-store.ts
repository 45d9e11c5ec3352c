import type { Quote, Trade } from '../core/exchange/types';
import type { StoredQuote, StoredTrade, TapewatchDb } from './db';
import { writeWithQuotaRetry } from './quota';
import { addTradesOnce, TradeSequencer } from './trade-key';

/** Quote samples kept per instrument and second: the BBO changes far more often than we need. */
const QUOTES_PER_SECOND = 4;
const MAX_DELAY_MS = 250;
/** Past this many rows waiting (writes failing for long), the oldest are dropped and counted. */
const MAX_PENDING = 500_000;

/**
 * Raw trades and sampled best bid/ask, appended in batches (≤ 250 ms) for replay and export.
 * A failed batch stays queued and is retried; quota errors first run the retention policy.
 */
export class TapeWriter {
  private trades: StoredTrade[] = [];
  private quotes: StoredQuote[] = [];
  private readonly lastQuoteSlot = new Map<string, number>();
  private readonly sequencer = new TradeSequencer();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> = Promise.resolve();
  written = 0;
  dropped = 0;
  lastError: Error | null = null;

  constructor(
    private readonly db: TapewatchDb,
    private readonly relieve: () => Promise<void>,
  ) {}

  putTrade(t: Trade): void {
    const row: StoredTrade = {
      venue: t.venue,
      symbol: t.symbol,
      timeMs: t.timeMs,
      price: t.price,
      size: t.size,
      side: t.side,
      // Raw-trade retention rolls by when a row was stored.
      storedAtMs: Date.now(),
    };
    if (t.id !== undefined) row.id = t.id;
    this.trades.push(this.sequencer.assign(row));
    this.schedule();
  }

  putQuote(q: Quote): void {
    const key = `${q.venue}:${q.symbol}`;
    const slot = Math.floor((q.timeMs * QUOTES_PER_SECOND) / 1000);
    if (this.lastQuoteSlot.get(key) === slot) return;
    this.lastQuoteSlot.set(key, slot);
    this.quotes.push({ ...q });
    this.schedule();
  }

  private schedule(): void {
    if (this.trades.length + this.quotes.length > MAX_PENDING) {
      const excess = this.trades.length + this.quotes.length - MAX_PENDING;
      this.trades.splice(0, excess);
      this.dropped += excess;
    }
    this.timer ??= setTimeout(() => this.flush().catch(() => undefined), MAX_DELAY_MS);
  }

  flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.inFlight = this.inFlight.catch(() => undefined).then(() => this.write());
    return this.inFlight;
  }

  private async write(): Promise<void> {
    if (this.trades.length === 0 && this.quotes.length === 0) return;
    const trades = this.trades;
    const quotes = this.quotes;
    this.trades = [];
    this.quotes = [];
    // A failed bulkAdd may have stamped keys on the rows; let a retry assign fresh ones.
    for (const row of trades) delete row.seq;
    for (const row of quotes) delete row.seq;
    try {
      await writeWithQuotaRetry(
        () =>
          this.db.transaction('rw', this.db.trades, this.db.quotes, async () => {
            // A trade already stored (a retried batch, a resume that re-delivers) is skipped.
            await addTradesOnce(this.db.trades, trades);
            if (quotes.length > 0) await this.db.quotes.bulkAdd(quotes);
          }),
        this.relieve,
      );
      this.written += trades.length;
      this.lastError = null;
    } catch (error) {
      // Keep the batch in front of anything newer and try again later.
      this.trades = trades.concat(this.trades);
      this.quotes = quotes.concat(this.quotes);
      this.lastError = error instanceof Error ? error : new Error(String(error));
      this.timer ??= setTimeout(() => this.flush().catch(() => undefined), 2_000);
      throw this.lastError;
    }
  }
}
