import type { Candle } from '../core/candles/candle';
import type { TimeframeId } from '../core/candles/timeframe';
import type { FeedStore } from '../core/feed/feed-controller';
import type { VenueId } from '../core/exchange/types';
import { CandleReader, CandleWriter } from './candle-store';
import type { TapewatchDb } from './db';

/** The feed's view of storage: batched bar writes and the newest stored bars for resuming. */
export class DexieFeedStore implements FeedStore {
  private readonly writer: CandleWriter;
  private readonly reader: CandleReader;

  constructor(db: TapewatchDb) {
    this.writer = new CandleWriter(db);
    this.reader = new CandleReader(db);
  }

  get written(): number {
    return this.writer.written;
  }

  get lastError(): Error | null {
    return this.writer.lastError;
  }

  async loadLatest(venue: VenueId, symbols: readonly string[], timeframes: readonly TimeframeId[]): Promise<Candle[]> {
    const out: Candle[] = [];
    for (const symbol of symbols) {
      for (const timeframe of timeframes) out.push(...(await this.reader.latest({ venue, symbol, timeframe }, 1)));
    }
    return out;
  }

  put(candles: readonly Candle[]): void {
    this.writer.put(candles);
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }
}
