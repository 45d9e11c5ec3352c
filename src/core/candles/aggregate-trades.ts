import type { Trade } from '../exchange/types';
import { validateTrade } from '../exchange/validate';
import { CandleAggregator } from './aggregator';
import type { Candle } from './candle';
import type { TimeframeId } from './timeframe';

/**
 * Aggregates a finished list of trades (a file, a replay) into closed bars, one per interval
 * that had trades, oldest first. Throws on an invalid trade: callers validated already.
 */
export function aggregateTrades(trades: Iterable<Trade>, timeframe: TimeframeId, nowMs = Date.now()): Candle[] {
  const agg = new CandleAggregator({ timeframes: [timeframe], latenessMs: Number.POSITIVE_INFINITY });
  for (const trade of trades) {
    const v = validateTrade(trade, nowMs);
    if (!v.ok) throw new Error(`invalid trade ${String(trade.id ?? '')}: ${v.detail}`);
    agg.add(v.value);
  }
  return agg.finish().map((u) => u.candle);
}
