import { isPositive, parseDecimal, toNumber, type Decimal } from '../decimal/decimal';
import type { RejectReason } from './reject';
import type { Trade } from './types';

/** A trade whose numbers were checked and parsed once, for every later stage to share. */
export interface PricedTrade {
  readonly trade: Trade;
  readonly price: Decimal;
  readonly size: Decimal;
  readonly priceNum: number;
}

/** Earliest believable trade time: 2009-01-03, the first Bitcoin block. */
export const MIN_TRADE_TIME_MS = 1_230_940_800_000;
/** How far ahead of our clock a venue timestamp may be before we call it broken. */
export const MAX_CLOCK_AHEAD_MS = 24 * 3_600_000;

export type Validated = { ok: true; value: PricedTrade } | { ok: false; reason: RejectReason; detail: string };

export function validateTrade(trade: Trade, nowMs: number): Validated {
  const price = parseDecimal(trade.price);
  if (price === null || !isPositive(price)) {
    return { ok: false, reason: 'bad-price', detail: `price ${JSON.stringify(trade.price)}` };
  }
  const size = parseDecimal(trade.size);
  if (size === null || !isPositive(size)) {
    return { ok: false, reason: 'bad-size', detail: `size ${JSON.stringify(trade.size)}` };
  }
  const t = trade.timeMs;
  if (!Number.isFinite(t) || t < MIN_TRADE_TIME_MS || t > nowMs + MAX_CLOCK_AHEAD_MS) {
    return { ok: false, reason: 'bad-time', detail: `time ${String(t)}` };
  }
  return { ok: true, value: { trade, price, size, priceNum: toNumber(price) } };
}
