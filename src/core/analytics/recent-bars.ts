import type { Candle, CandleUpdate } from '../candles/candle';
import type { TimeframeId } from '../candles/timeframe';
import { instrumentKey, type InstrumentKey } from '../exchange/types';

/**
 * The latest version of the newest bars of every series that passed through the feed, so a view
 * rebuilt from storage also has the bars still waiting in the write queue (and the forming one).
 */
export class RecentBars {
  private readonly series = new Map<string, Map<number, Candle>>();

  constructor(private readonly perSeries = 256) {}

  observe(updates: readonly CandleUpdate[]): void {
    for (const { candle } of updates) {
      const id = `${instrumentKey(candle.venue, candle.symbol)}|${candle.timeframe}`;
      let bars = this.series.get(id);
      if (bars === undefined) this.series.set(id, (bars = new Map()));
      // Re-inserted at the end: the map stays in arrival order, near enough open-time order.
      bars.delete(candle.openTimeMs);
      bars.set(candle.openTimeMs, candle);
      if (bars.size > this.perSeries) {
        const oldest = Math.min(...bars.keys());
        bars.delete(oldest);
      }
    }
  }

  /** Stored bars (oldest first) overlaid with the recent ones, the recent version winning; oldest first. */
  merge(key: InstrumentKey, timeframe: TimeframeId, stored: readonly Candle[], limit: number): Candle[] {
    const recent = this.series.get(`${key}|${timeframe}`);
    if (recent === undefined || recent.size === 0) return stored.slice(-limit);
    const byTime = new Map<number, Candle>();
    for (const c of stored) byTime.set(c.openTimeMs, c);
    for (const c of recent.values()) byTime.set(c.openTimeMs, c);
    const out = [...byTime.values()].sort((x, y) => x.openTimeMs - y.openTimeMs);
    return out.slice(-limit);
  }
}
