import type { Candle } from '../core/candles/candle';
import type { TimeframeId } from '../core/candles/timeframe';
import type { Trade, VenueId } from '../core/exchange/types';
import { CandleReader } from './candle-store';
import type { TapewatchDb } from './db';

export interface ReplayRange {
  readonly venue: VenueId;
  readonly symbol: string;
  readonly timeframe: TimeframeId;
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * What a replay of a stored range plays: its raw trades, or, without any (imported bars, or
 * trades past retention), its stored bars of the timeframe.
 */
export async function readReplaySource(
  db: TapewatchDb,
  range: ReplayRange,
): Promise<{ trades: Trade[]; bars: Candle[] }> {
  const trades = (await db.trades
    .where('[venue+symbol+timeMs]')
    .between([range.venue, range.symbol, range.fromMs], [range.venue, range.symbol, range.toMs], true, true)
    .toArray()) as unknown as Trade[];
  if (trades.length > 0) return { trades, bars: [] };
  const bars = await new CandleReader(db).range(range, range.fromMs, range.toMs);
  return { trades, bars };
}
