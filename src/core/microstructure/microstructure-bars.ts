import type { Quote, Trade } from '../exchange/types';
import { Cvd } from './cvd';
import { quoteMetrics, type QuoteMetrics } from './quote-metrics';

/** Microstructure of one bar of one instrument. */
export interface MicrostructureBar {
  readonly openTimeMs: number;
  readonly closed: boolean;
  /** Book as of the bar's last valid quote (carried over from earlier bars); null before any. */
  readonly mid: number | null;
  readonly spread: number | null;
  readonly spreadBps: number | null;
  readonly microprice: number | null;
  /** Top-of-book size imbalance (bidSize − askSize) / (bidSize + askSize). */
  readonly bookImbalance: number | null;
  /** Mean quoted spread over the bar's quote updates (each update weighs the same). */
  readonly meanSpreadBps: number | null;
  readonly quotes: number;
  readonly trades: number;
  /** Taker-buy and taker-sell base volume; trades of unknown side count in `trades` only. */
  readonly buyVolume: number;
  readonly sellVolume: number;
  /** (buy − sell) / (buy + sell); null without sided volume. */
  readonly tradeImbalance: number | null;
  /** buy − sell. */
  readonly volumeDelta: number;
  /** Cumulative volume delta through this bar. */
  readonly cvd: number;
  /** Trades per second: over the whole bar once closed, over its elapsed part (at least 1 s) while forming. */
  readonly tradesPerSecond: number;
}

export interface MicrostructureUpdate {
  readonly kind: 'add' | 'replace';
  readonly bar: MicrostructureBar;
}

interface Forming {
  openTimeMs: number;
  quotes: number;
  spreadBpsSum: number;
  trades: number;
  buyVolume: number;
  sellVolume: number;
}

/**
 * Per-bar quote and trade microstructure of one instrument, in the candle vocabulary: an event in
 * a later bar closes the forming one (`add`), every event re-emits the forming bar (`replace`).
 * Events older than the forming bar are dropped and counted in `lateEvents`. Bars without events
 * are not emitted.
 */
export class MicrostructureBars {
  private forming: Forming | null = null;
  private book: QuoteMetrics | null = null;
  private readonly cvd = new Cvd();
  private clockMs = -Infinity;
  private late = 0;

  constructor(readonly timeframeMs: number) {
    if (!(Number.isInteger(timeframeMs) && timeframeMs > 0))
      throw new RangeError(`timeframeMs must be a positive integer, got ${timeframeMs}`);
  }

  /** Events dropped because their bar had already closed. */
  get lateEvents(): number {
    return this.late;
  }

  onQuote(quote: Quote): MicrostructureUpdate[] {
    const out: MicrostructureUpdate[] = [];
    const bar = this.barFor(quote.timeMs, out);
    if (bar === null) return out;
    const metrics = quoteMetrics(quote);
    if (metrics !== null) {
      this.book = metrics;
      bar.quotes += 1;
      bar.spreadBpsSum += metrics.spreadBps;
    }
    out.push({ kind: 'replace', bar: this.snapshot(bar, false) });
    return out;
  }

  onTrade(trade: Trade): MicrostructureUpdate[] {
    const out: MicrostructureUpdate[] = [];
    const bar = this.barFor(trade.timeMs, out);
    if (bar === null) return out;
    const size = Number(trade.size);
    bar.trades += 1;
    if (size > 0 && trade.side === 'buy') bar.buyVolume += size;
    else if (size > 0 && trade.side === 'sell') bar.sellVolume += size;
    out.push({ kind: 'replace', bar: this.snapshot(bar, false) });
    return out;
  }

  /** Closes the forming bar once the clock has passed its end, without waiting for an event. */
  advance(nowMs: number): MicrostructureUpdate[] {
    const out: MicrostructureUpdate[] = [];
    this.clockMs = Math.max(this.clockMs, nowMs);
    const bar = this.forming;
    if (bar !== null && nowMs >= bar.openTimeMs + this.timeframeMs) {
      out.push({ kind: 'add', bar: this.snapshot(bar, true) });
      this.forming = null;
    }
    return out;
  }

  /** The forming bar for an event at timeMs, closing the previous one into `out` when needed. */
  private barFor(timeMs: number, out: MicrostructureUpdate[]): Forming | null {
    const open = Math.floor(timeMs / this.timeframeMs) * this.timeframeMs;
    const current = this.forming;
    if (current !== null && open < current.openTimeMs) {
      this.late++;
      return null;
    }
    if (current === null && this.clockMs >= open + this.timeframeMs) {
      // Its bar was already closed by advance().
      this.late++;
      return null;
    }
    this.clockMs = Math.max(this.clockMs, timeMs);
    if (current !== null && open === current.openTimeMs) return current;
    out.push(...this.advance(open));
    const bar: Forming = { openTimeMs: open, quotes: 0, spreadBpsSum: 0, trades: 0, buyVolume: 0, sellVolume: 0 };
    this.forming = bar;
    return bar;
  }

  private snapshot(bar: Forming, closed: boolean): MicrostructureBar {
    const delta = bar.buyVolume - bar.sellVolume;
    const sided = bar.buyVolume + bar.sellVolume;
    const elapsedMs = closed
      ? this.timeframeMs
      : Math.min(this.timeframeMs, Math.max(1000, this.clockMs - bar.openTimeMs));
    const book = this.book;
    return {
      openTimeMs: bar.openTimeMs,
      closed,
      mid: book?.mid ?? null,
      spread: book?.spread ?? null,
      spreadBps: book?.spreadBps ?? null,
      microprice: book?.microprice ?? null,
      bookImbalance: book?.imbalance ?? null,
      meanSpreadBps: bar.quotes > 0 ? bar.spreadBpsSum / bar.quotes : null,
      quotes: bar.quotes,
      trades: bar.trades,
      buyVolume: bar.buyVolume,
      sellVolume: bar.sellVolume,
      tradeImbalance: sided > 0 ? delta / sided : null,
      volumeDelta: delta,
      cvd: closed ? this.cvd.add(delta) : this.cvd.replace(delta),
      tradesPerSecond: bar.trades / (elapsedMs / 1000),
    };
  }
}
