import type { Candle } from '../../../core/candles/candle';
import type { TimeframeId } from '../../../core/candles/timeframe';
import type { VenueId } from '../../../core/exchange/types';
import { CandleReader } from '../../../data/candle-store';
import type { AppStorage } from '../../../data/open-storage';
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
  private readonly reader: Promise<CandleReader>;

  /** `storage`: the page's database as it opens (IndexedDB, or memory without it). */
  constructor(private readonly storage: Promise<AppStorage>) {
    this.reader = storage.then(({ db }) => new CandleReader(db));
  }

  /** The newest `limit` stored bars, or those at or before `beforeMs` (scrolling back, reviewing). */
  async bars(series: ChartSeries, timeframe: TimeframeId, limit = HISTORY_BARS, beforeMs?: number): Promise<Candle[]> {
    return (await this.reader).latest({ venue: series.venue, symbol: series.symbol, timeframe }, limit, beforeMs);
  }

  async gaps(series: ChartSeries): Promise<GapMark[]> {
    const { db } = await this.storage;
    const gaps = await unfillableGaps(db, series.venue, series.symbol);
    return gaps.map((g) => ({
      fromTimeMs: g.fromTimeMs,
      toTimeMs: g.toTimeMs,
      detail:
        g.fromTradeId !== undefined
          ? `#${g.fromTradeId}–${g.toTradeId ?? ''}${g.detail !== undefined ? ` · ${g.detail}` : ''}`
          : (g.detail ?? 'unfilled'),
    }));
  }
}
