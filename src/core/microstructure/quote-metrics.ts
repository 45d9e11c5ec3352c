import type { Quote } from '../exchange/types';

/** Top-of-book measures of one quote. */
export interface QuoteMetrics {
  readonly bid: number;
  readonly ask: number;
  readonly mid: number;
  /** ask − bid, in price units. */
  readonly spread: number;
  /** spread / mid in basis points. */
  readonly spreadBps: number;
  /**
   * Size-weighted mid (bid·askSize + ask·bidSize) / (bidSize + askSize): leans toward the side
   * with less size, where the next trade is likelier to move the price.
   */
  readonly microprice: number;
  /** (bidSize − askSize) / (bidSize + askSize), in [−1, 1]; positive = more bid size. */
  readonly imbalance: number;
}

/** Null for quotes that describe no usable book: non-positive prices, crossed, or no size at all. */
export function quoteMetrics(quote: Quote): QuoteMetrics | null {
  const bid = Number(quote.bid);
  const ask = Number(quote.ask);
  const bidSize = Number(quote.bidSize);
  const askSize = Number(quote.askSize);
  if (!(bid > 0 && ask >= bid && bidSize >= 0 && askSize >= 0)) return null;
  const depth = bidSize + askSize;
  if (!(depth > 0) || !Number.isFinite(depth) || !Number.isFinite(ask)) return null;
  const mid = (bid + ask) / 2;
  const spread = ask - bid;
  return {
    bid,
    ask,
    mid,
    spread,
    spreadBps: (spread / mid) * 10_000,
    microprice: (bid * askSize + ask * bidSize) / depth,
    imbalance: (bidSize - askSize) / depth,
  };
}
