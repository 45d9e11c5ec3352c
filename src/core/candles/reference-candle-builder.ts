import { add, DecimalAccumulator, parseDecimal, toNumber, type Decimal } from '../decimal/decimal';
import type { PricedTrade } from '../exchange/validate';
import type { VenueId } from '../exchange/types';
import type { Candle } from './candle';
import type { TimeframeId } from './timeframe';

/** Orders trades inside a bar: by time, then by id (ids break ties within a millisecond). */
function isBefore(timeA: number, idA: number, timeB: number, idB: number): boolean {
  return timeA < timeB || (timeA === timeB && idA < idB);
}

/**
 * Test-only: `CandleBuilder` as it was before its fields became numbers and price text (see
 * `reference-aggregator.ts`), with the `formatDecimal` of that time.
 *
 * Accumulates one bar. Trades may arrive in any order: open and close are chosen by
 * (time, id), not by arrival, so a late or reordered trade lands where it belongs.
 */
export class CandleBuilder {
  private openTrade: PricedTrade | null = null;
  private closeTrade: PricedTrade | null = null;
  private openKeyTime = Infinity;
  private openKeyId = Infinity;
  private closeKeyTime = -Infinity;
  private closeKeyId = -Infinity;
  private high: PricedTrade | null = null;
  private low: PricedTrade | null = null;
  private readonly volume = new DecimalAccumulator();
  private readonly quoteVolume = new DecimalAccumulator();
  private readonly buyVolume = new DecimalAccumulator();
  private readonly sellVolume = new DecimalAccumulator();
  private count = 0;
  private firstId: number | undefined;
  private lastId: number | undefined;
  private seed: Candle | null = null;
  /** Set by the aggregator once the bar's interval has passed. */
  closed = false;
  /** Change waiting for the aggregator's next drain, if any. */
  pending: 'add' | 'replace' | null = null;

  constructor(
    readonly venue: VenueId,
    readonly symbol: string,
    readonly timeframe: TimeframeId,
    readonly openTimeMs: number,
  ) {}

  /**
   * Continues a bar that was stored before (after a reload). Its totals become the base that new
   * trades add to, so the forming bar resumes exactly where it stopped.
   */
  static resume(stored: Candle): CandleBuilder {
    const builder = new CandleBuilder(stored.venue, stored.symbol, stored.timeframe, stored.openTimeMs);
    builder.seed = stored;
    return builder;
  }

  get tradeCount(): number {
    return this.count + (this.seed?.trades ?? 0);
  }

  /** `quote` is price × size, computed once per trade by the caller for all timeframes. */
  addTrade(t: PricedTrade, quote: Decimal): void {
    const time = t.trade.timeMs;
    const id = t.trade.id ?? 0;
    if (this.openTrade === null || isBefore(time, id, this.openKeyTime, this.openKeyId)) {
      this.openTrade = t;
      this.openKeyTime = time;
      this.openKeyId = id;
    }
    if (this.closeTrade === null || !isBefore(time, id, this.closeKeyTime, this.closeKeyId)) {
      this.closeTrade = t;
      this.closeKeyTime = time;
      this.closeKeyId = id;
    }
    if (this.high === null || t.priceNum > this.high.priceNum) this.high = t;
    if (this.low === null || t.priceNum < this.low.priceNum) this.low = t;
    this.volume.add(t.size);
    this.quoteVolume.add(quote);
    if (t.trade.side === 'buy') this.buyVolume.add(t.size);
    else if (t.trade.side === 'sell') this.sellVolume.add(t.size);
    this.count++;
    if (t.trade.id !== undefined) {
      if (this.firstId === undefined || t.trade.id < this.firstId) this.firstId = t.trade.id;
      if (this.lastId === undefined || t.trade.id > this.lastId) this.lastId = t.trade.id;
    }
  }

  toCandle(closed: boolean): Candle {
    const seed = this.seed;
    if (this.openTrade === null || this.closeTrade === null || this.high === null || this.low === null) {
      if (seed !== null) return { ...seed, closed };
      throw new Error('CandleBuilder.toCandle: bar has no trades');
    }
    let open = this.openTrade.trade.price;
    let close = this.closeTrade.trade.price;
    let high = this.high.trade.price;
    let low = this.low.trade.price;
    let volume = this.volume.value();
    let quoteVolume = this.quoteVolume.value();
    let buyVolume = this.buyVolume.value();
    let sellVolume = this.sellVolume.value();
    let firstId = this.firstId;
    let lastId = this.lastId;
    if (seed !== null) {
      // A resumed bar: stored trades came first unless a new trade is older than the stored open.
      if (!(seed.firstTradeId !== undefined && firstId !== undefined && firstId < seed.firstTradeId)) open = seed.open;
      if (seed.lastTradeId !== undefined && lastId !== undefined && lastId < seed.lastTradeId) close = seed.close;
      if (Number(seed.high) > this.high.priceNum) high = seed.high;
      if (Number(seed.low) < this.low.priceNum) low = seed.low;
      volume = addText(volume, seed.volume);
      quoteVolume = addText(quoteVolume, seed.quoteVolume);
      buyVolume = addText(buyVolume, seed.buyVolume);
      sellVolume = addText(sellVolume, seed.sellVolume);
      firstId = minDefined(firstId, seed.firstTradeId);
      lastId = maxDefined(lastId, seed.lastTradeId);
    }
    const base = toNumber(volume);
    return {
      venue: this.venue,
      symbol: this.symbol,
      timeframe: this.timeframe,
      openTimeMs: this.openTimeMs,
      open,
      high,
      low,
      close,
      volume: referenceFormatDecimal(volume),
      quoteVolume: referenceFormatDecimal(quoteVolume),
      buyVolume: referenceFormatDecimal(buyVolume),
      sellVolume: referenceFormatDecimal(sellVolume),
      trades: this.tradeCount,
      vwap: base > 0 ? toNumber(quoteVolume) / base : Number(close),
      closed,
      ...(firstId !== undefined && lastId !== undefined ? { firstTradeId: firstId, lastTradeId: lastId } : {}),
    };
  }
}

function addText(sum: Decimal, text: string): Decimal {
  const stored = parseDecimal(text);
  // Stored values were written by formatDecimal; anything else means the record is corrupt.
  if (stored === null) throw new Error(`stored decimal is corrupt: ${JSON.stringify(text)}`);
  return add(sum, stored);
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

/** `formatDecimal` as it was (a regex strips trailing zeros), so the reference formats on its own. */
export function referenceFormatDecimal(d: Decimal): string {
  const negative = d.units < 0;
  let digits =
    typeof d.units === 'number' ? String(negative ? -d.units : d.units) : (negative ? -d.units : d.units).toString();
  if (d.scale === 0) return (negative ? '-' : '') + digits;
  if (digits.length <= d.scale) digits = '0'.repeat(d.scale - digits.length + 1) + digits;
  const cut = digits.length - d.scale;
  const whole = digits.slice(0, cut);
  const fraction = digits.slice(cut).replace(/0+$/, '');
  const text = fraction.length > 0 ? `${whole}.${fraction}` : whole;
  return negative && text !== '0' ? `-${text}` : text;
}
