import type { Candle } from '../../../core/candles/candle';
import type { TimeframeId } from '../../../core/candles/timeframe';
import type { VenueId } from '../../../core/exchange/types';
import { CandleReader } from '../../../data/candle-store';
import type { TapewatchDb } from '../../../data/db';
import { unfillableGaps } from '../../../data/gap-store';

/** Bars a chart opens with; older ones are a scroll away in a later version, not a load. */
export const HISTORY_BARS = 5_000;

export interface ChartSeries {
  readonly venue: VenueId;
  readonly symbol: string;
}

export interface GapMark {
  readonly fromTimeMs: number;
  readonly toTimeMs: number;
  readonly detail: string;
}

/** Reads what a chart shows from storage: the newest bars of a series, and its unfillable holes. */
export class ChartHistory {
  private readonly reader: CandleReader;

  constructor(private readonly db: TapewatchDb) {
    this.reader = new CandleReader(db);
  }

  bars(series: ChartSeries, timeframe: TimeframeId, limit = HISTORY_BARS): Promise<Candle[]> {
    return this.reader.latest({ venue: series.venue, symbol: series.symbol, timeframe }, limit);
  }

  async gaps(series: ChartSeries): Promise<GapMark[]> {
    const gaps = await unfillableGaps(this.db, series.venue, series.symbol);
    return gaps.map((g) => ({
      fromTimeMs: g.fromTimeMs,
      toTimeMs: g.toTimeMs,
      detail: g.fromTradeId !== undefined ? `#${g.fromTradeId}–${g.toTradeId ?? ''}` : (g.detail ?? 'unfilled'),
    }));
  }
}
