import type { StoredCandles } from '../core/analytics/analytics-stage';
import type { Candle } from '../core/candles/candle';
import type { TimeframeId } from '../core/candles/timeframe';
import { parseInstrumentKey, type InstrumentKey } from '../core/exchange/types';
import { CandleReader } from './candle-store';
import type { TapewatchDb } from './db';

/** The analytics stage's read port: the newest stored bars of one series, by index cursor. */
export class DexieStoredCandles implements StoredCandles {
  private readonly reader: CandleReader;

  constructor(db: TapewatchDb) {
    this.reader = new CandleReader(db);
  }

  async recent(key: InstrumentKey, timeframe: TimeframeId, limit: number, beforeMs?: number): Promise<Candle[]> {
    const instrument = parseInstrumentKey(key);
    if (instrument === null) return [];
    return this.reader.latest({ venue: instrument.venue, symbol: instrument.symbol, timeframe }, limit, beforeMs);
  }
}
