import type { Candle } from '../../../core/candles/candle';
import type { TimeframeId } from '../../../core/candles/timeframe';
import type { ChartSeries } from './chart-history';

/** Bars kept per series: a screenful (the chart fits 120) with room to scroll. */
export const RECENT_BARS = 600;

export const recentKey = (s: ChartSeries, timeframe: TimeframeId): string => `${s.venue}|${s.symbol}|${timeframe}`;

/**
 * The newest bars of every series the feed sent to this page, newest version of each. Every bar
 * the feed writes passes through the page first, so these are the stored bars, known before the
 * store has them: a timeframe or instrument switch draws them at once instead of waiting behind
 * the feed's write transactions (hundreds of ms while demo history is written).
 */
export class RecentBars {
  private readonly bySeries = new Map<string, Map<number, Candle>>();

  constructor(private readonly perSeries = RECENT_BARS) {}

  add(c: Candle): void {
    const key = `${c.venue}|${c.symbol}|${c.timeframe}`;
    let bars = this.bySeries.get(key);
    if (bars === undefined) this.bySeries.set(key, (bars = new Map()));
    // Re-inserted, so the map stays in arrival order and the first entry is the stalest.
    bars.delete(c.openTimeMs);
    bars.set(c.openTimeMs, c);
    if (bars.size > this.perSeries) bars.delete(bars.keys().next().value as number);
  }

  has(key: string): boolean {
    return (this.bySeries.get(key)?.size ?? 0) > 0;
  }

  /** Whether `stored` holds a bar this page has not seen (older than what it kept). */
  lacksAny(key: string, stored: readonly Candle[]): boolean {
    const bars = this.bySeries.get(key);
    return bars === undefined ? stored.length > 0 : stored.some((c) => !bars.has(c.openTimeMs));
  }

  /** Stored bars with this page's newer versions over them (and bars the store has not yet), oldest first. */
  over(key: string, stored: readonly Candle[]): Candle[] {
    const bars = this.bySeries.get(key);
    if (bars === undefined || bars.size === 0) return [...stored];
    const merged = new Map<number, Candle>();
    for (const c of stored) merged.set(c.openTimeMs, c);
    for (const c of bars.values()) merged.set(c.openTimeMs, c);
    return [...merged.values()].sort((a, b) => a.openTimeMs - b.openTimeMs);
  }
}
