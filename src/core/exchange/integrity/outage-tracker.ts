import type { Trade, VenueId } from '../types';
import type { OutageGap } from './gap';

function key(venue: VenueId, symbol: string): string {
  return `${venue}\u0000${symbol}`;
}

/**
 * Gaps a venue's ids cannot reveal (Bybit, Bitstamp, Finnhub): when a connection is interrupted,
 * whatever traded until the first trade on the new connection may be lost. The gap runs from the
 * newest trade received before the interruption to the first trade received after it, so it is
 * exactly as wide as the hole and holds no trade we have.
 *
 * Pure and O(1) per trade: one time and one flag per instrument.
 */
export class OutageTracker {
  /** Newest trade time received per instrument. */
  private readonly newest = new Map<string, number>();
  private readonly interrupted = new Set<string>();

  /**
   * A live trade arrived. Returns the outage it ends, if its instrument was interrupted; a trade
   * older than the newest one we hold ends nothing (it belongs to before the interruption).
   */
  observe(trade: Trade): OutageGap | null {
    const k = key(trade.venue, trade.symbol);
    const newest = this.newest.get(k);
    if (newest !== undefined && trade.timeMs < newest) return null;
    this.newest.set(k, trade.timeMs);
    if (newest === undefined || !this.interrupted.delete(k)) return null;
    return { venue: trade.venue, symbol: trade.symbol, fromTimeMs: newest, toTimeMs: trade.timeMs };
  }

  /** The connection carrying these instruments went down; instruments never traded are skipped. */
  interrupt(venue: VenueId, symbols: readonly string[]): void {
    for (const symbol of symbols) {
      const k = key(venue, symbol);
      if (this.newest.has(k)) this.interrupted.add(k);
    }
  }

  /**
   * Continues stored history after a reload: everything after `lastTimeMs` until the first new
   * trade may be missing. `lastTimeMs` may be a lower bound of the newest stored trade (the open
   * time of its bar); the gap then starts a little early, never late.
   */
  resume(venue: VenueId, symbol: string, lastTimeMs: number): void {
    const k = key(venue, symbol);
    const newest = this.newest.get(k);
    if (newest !== undefined && newest >= lastTimeMs) return;
    this.newest.set(k, lastTimeMs);
    this.interrupted.add(k);
  }

  /** Instruments waiting for their first trade after an interruption. */
  get pending(): number {
    return this.interrupted.size;
  }
}
