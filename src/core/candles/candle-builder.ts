import {
  add,
  addUnits,
  DecimalAccumulator,
  formatDecimal,
  formatUnits,
  parseDecimal,
  toNumber,
  type Decimal,
} from '../decimal/decimal';
import type { TakerSide, VenueId } from '../exchange/types';
import type { Candle } from './candle';
import type { TimeframeId } from './timeframe';

/** Orders trades inside a bar: by time, then by id (ids break ties within a millisecond). */
function isBefore(timeA: number, idA: number, timeB: number, idB: number): boolean {
  return timeA < timeB || (timeA === timeB && idA < idB);
}

/** A bar's four sums once one of them no longer fits a double's exact integers (or its scale). */
class WideSums {
  readonly volume = new DecimalAccumulator();
  readonly quoteVolume = new DecimalAccumulator();
  readonly buyVolume = new DecimalAccumulator();
  readonly sellVolume = new DecimalAccumulator();
}

/**
 * Accumulates one bar. Trades may arrive in any order: open and close are chosen by
 * (time, id), not by arrival, so a late or reordered trade lands where it belongs.
 *
 * Every field is a number or the venue's price text, never a trade object: bars stay alive for
 * the whole lateness window (900 one-second bars per symbol), and a bar that points at the latest
 * trade would keep each trade's objects alive through every young-generation collection.
 * Sums are integer units at a decimal scale in plain doubles while they stay exact (below
 * 2^53); the first one that does not fit moves all four to `DecimalAccumulator`s (`wide`).
 */
export class CandleBuilder {
  private openKeyTime = Infinity;
  private openKeyId = Infinity;
  private openText = '';
  private closeKeyTime = -Infinity;
  private closeKeyId = -Infinity;
  private closeText = '';
  private highNum = -Infinity;
  private highText = '';
  private lowNum = Infinity;
  private lowText = '';
  private volumeUnits = 0;
  private volumeScale = 0;
  private quoteUnits = 0;
  private quoteScale = 0;
  private buyUnits = 0;
  private buyScale = 0;
  private sellUnits = 0;
  private sellScale = 0;
  private wide: WideSums | null = null;
  private count = 0;
  /** Smallest and largest trade id; -1 while no trade carried one (ids are never negative). */
  private firstId = -1;
  private lastId = -1;
  private seed: Candle | null = null;
  /** Set by the aggregator once the bar's interval has passed. */
  closed = false;
  /** Change waiting for the aggregator's next drain, if any. */
  pending: 'add' | 'replace' | null = null;

  /** The bar's identity: set by the constructor and by `reuse`, never by anything else. */
  venue: VenueId;
  symbol: string;
  timeframe: TimeframeId;
  openTimeMs: number;

  constructor(venue: VenueId, symbol: string, timeframe: TimeframeId, openTimeMs: number) {
    this.venue = venue;
    this.symbol = symbol;
    this.timeframe = timeframe;
    this.openTimeMs = openTimeMs;
  }

  /**
   * Makes a bar the aggregator has forgotten (past the lateness window, drained) a new, empty bar
   * of another interval: reusing it rather than allocating one per second spares the collector
   * copying a new bar out of the young generation every second it lives. Every field is reset
   * to its initial value (a test compares a reused bar with a new one field by field).
   */
  reuse(venue: VenueId, symbol: string, timeframe: TimeframeId, openTimeMs: number): this {
    this.openKeyTime = Infinity;
    this.openKeyId = Infinity;
    this.openText = '';
    this.closeKeyTime = -Infinity;
    this.closeKeyId = -Infinity;
    this.closeText = '';
    this.highNum = -Infinity;
    this.highText = '';
    this.lowNum = Infinity;
    this.lowText = '';
    this.volumeUnits = 0;
    this.volumeScale = 0;
    this.quoteUnits = 0;
    this.quoteScale = 0;
    this.buyUnits = 0;
    this.buyScale = 0;
    this.sellUnits = 0;
    this.sellScale = 0;
    this.wide = null;
    this.count = 0;
    this.firstId = -1;
    this.lastId = -1;
    this.seed = null;
    this.closed = false;
    this.pending = null;
    this.venue = venue;
    this.symbol = symbol;
    this.timeframe = timeframe;
    this.openTimeMs = openTimeMs;
    return this;
  }

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

  /**
   * One trade, in parts the caller took apart once for all timeframes: `id` is -1 when the trade
   * has none, `quote` is price × size.
   */
  addTrade(
    time: number,
    id: number,
    priceText: string,
    priceNum: number,
    size: Decimal,
    quote: Decimal,
    side: TakerSide,
  ): void {
    const key = id < 0 ? 0 : id;
    if (isBefore(time, key, this.openKeyTime, this.openKeyId)) {
      this.openText = priceText;
      this.openKeyTime = time;
      this.openKeyId = key;
    }
    if (!isBefore(time, key, this.closeKeyTime, this.closeKeyId)) {
      this.closeText = priceText;
      this.closeKeyTime = time;
      this.closeKeyId = key;
    }
    if (priceNum > this.highNum) {
      this.highNum = priceNum;
      this.highText = priceText;
    }
    if (priceNum < this.lowNum) {
      this.lowNum = priceNum;
      this.lowText = priceText;
    }
    this.addSums(size, quote, side);
    this.count++;
    if (id >= 0) {
      if (this.firstId < 0 || id < this.firstId) this.firstId = id;
      if (id > this.lastId) this.lastId = id;
    }
  }

  private addSums(size: Decimal, quote: Decimal, side: TakerSide): void {
    const su = size.units;
    const qu = quote.units;
    if (this.wide === null && typeof su === 'number' && typeof qu === 'number') {
      const ss = size.scale;
      const qs = quote.scale;
      const volume = addUnits(this.volumeUnits, this.volumeScale, su, ss);
      const quoteVolume = addUnits(this.quoteUnits, this.quoteScale, qu, qs);
      // Sizes are positive, so -1 can only mean "does not fit"; 0 stands in for an unknown side.
      const sided =
        side === 'buy'
          ? addUnits(this.buyUnits, this.buyScale, su, ss)
          : side === 'sell'
            ? addUnits(this.sellUnits, this.sellScale, su, ss)
            : 0;
      if (volume >= 0 && quoteVolume >= 0 && sided >= 0) {
        this.volumeUnits = volume;
        if (ss > this.volumeScale) this.volumeScale = ss;
        this.quoteUnits = quoteVolume;
        if (qs > this.quoteScale) this.quoteScale = qs;
        if (side === 'buy') {
          this.buyUnits = sided;
          if (ss > this.buyScale) this.buyScale = ss;
        } else if (side === 'sell') {
          this.sellUnits = sided;
          if (ss > this.sellScale) this.sellScale = ss;
        }
        return;
      }
    }
    const wide = this.widen();
    wide.volume.add(size);
    wide.quoteVolume.add(quote);
    if (side === 'buy') wide.buyVolume.add(size);
    else if (side === 'sell') wide.sellVolume.add(size);
  }

  private widen(): WideSums {
    if (this.wide !== null) return this.wide;
    const wide = new WideSums();
    wide.volume.add({ units: this.volumeUnits, scale: this.volumeScale });
    wide.quoteVolume.add({ units: this.quoteUnits, scale: this.quoteScale });
    wide.buyVolume.add({ units: this.buyUnits, scale: this.buyScale });
    wide.sellVolume.add({ units: this.sellUnits, scale: this.sellScale });
    this.wide = wide;
    return wide;
  }

  toCandle(closed: boolean): Candle {
    const seed = this.seed;
    if (this.count === 0) {
      if (seed !== null) return { ...seed, closed };
      throw new Error('CandleBuilder.toCandle: bar has no trades');
    }
    const wide = this.wide;
    if (seed === null && wide === null) return this.plainCandle(closed);
    let open = this.openText;
    let close = this.closeText;
    let high = this.highText;
    let low = this.lowText;
    let volume = wide?.volume.value() ?? { units: this.volumeUnits, scale: this.volumeScale };
    let quoteVolume = wide?.quoteVolume.value() ?? { units: this.quoteUnits, scale: this.quoteScale };
    let buyVolume = wide?.buyVolume.value() ?? { units: this.buyUnits, scale: this.buyScale };
    let sellVolume = wide?.sellVolume.value() ?? { units: this.sellUnits, scale: this.sellScale };
    let firstId = this.firstId < 0 ? undefined : this.firstId;
    let lastId = this.lastId < 0 ? undefined : this.lastId;
    if (seed !== null) {
      // A resumed bar: stored trades came first unless a new trade is older than the stored open.
      if (!(seed.firstTradeId !== undefined && firstId !== undefined && firstId < seed.firstTradeId)) open = seed.open;
      if (seed.lastTradeId !== undefined && lastId !== undefined && lastId < seed.lastTradeId) close = seed.close;
      if (Number(seed.high) > this.highNum) high = seed.high;
      if (Number(seed.low) < this.lowNum) low = seed.low;
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
      volume: formatDecimal(volume),
      quoteVolume: formatDecimal(quoteVolume),
      buyVolume: formatDecimal(buyVolume),
      sellVolume: formatDecimal(sellVolume),
      trades: this.tradeCount,
      vwap: base > 0 ? toNumber(quoteVolume) / base : Number(close),
      closed,
      ...(firstId !== undefined && lastId !== undefined ? { firstTradeId: firstId, lastTradeId: lastId } : {}),
    };
  }

  /** The common case (no stored seed, sums in doubles), built without intermediate objects. */
  private plainCandle(closed: boolean): Candle {
    const base = toNumber({ units: this.volumeUnits, scale: this.volumeScale });
    const vwap =
      base > 0 ? toNumber({ units: this.quoteUnits, scale: this.quoteScale }) / base : Number(this.closeText);
    const volume = formatUnits(this.volumeUnits, this.volumeScale);
    const quoteVolume = formatUnits(this.quoteUnits, this.quoteScale);
    const buyVolume = formatUnits(this.buyUnits, this.buyScale);
    const sellVolume = formatUnits(this.sellUnits, this.sellScale);
    // Same keys in the same order as the general path, so every record has one shape.
    if (this.firstId < 0) {
      return {
        venue: this.venue,
        symbol: this.symbol,
        timeframe: this.timeframe,
        openTimeMs: this.openTimeMs,
        open: this.openText,
        high: this.highText,
        low: this.lowText,
        close: this.closeText,
        volume,
        quoteVolume,
        buyVolume,
        sellVolume,
        trades: this.count,
        vwap,
        closed,
      };
    }
    return {
      venue: this.venue,
      symbol: this.symbol,
      timeframe: this.timeframe,
      openTimeMs: this.openTimeMs,
      open: this.openText,
      high: this.highText,
      low: this.lowText,
      close: this.closeText,
      volume,
      quoteVolume,
      buyVolume,
      sellVolume,
      trades: this.count,
      vwap,
      closed,
      firstTradeId: this.firstId,
      lastTradeId: this.lastId,
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
