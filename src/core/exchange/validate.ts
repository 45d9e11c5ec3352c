import { compare, isPositive, parseDecimal, toNumber, type Decimal } from '../decimal/decimal';
import type { RejectReason } from './reject';
import { symbolProblem } from './symbol-rule';
import type { Quote, Trade } from './types';

/**
 * The one check every trade and quote passes before anything stores, aggregates or shows it —
 * in the feed worker, the importer and the CLI alike. Parsers only read the wire; whatever they
 * emit is judged here, so a venue that sends odd values meets the same rules on every path.
 */

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

export type Rejection = { ok: false; reason: RejectReason; detail: string };
export type Validated = { ok: true; value: PricedTrade } | Rejection;
export type ValidatedQuote = { ok: true; value: Quote } | Rejection;

function reject(reason: RejectReason, detail: string): Rejection {
  return { ok: false, reason, detail };
}

/**
 * A decimal as the wire should carry it: digits with at most one point between digits. The sign,
 * `+`, `.5` and `1.` forms that `parseDecimal` tolerates are refused, since the text itself is
 * what gets stored and shown.
 */
function wireDecimal(text: unknown): Decimal | null {
  if (typeof text !== 'string') return null;
  const first = text.charCodeAt(0) - 48;
  const last = text.charCodeAt(text.length - 1) - 48;
  if (!(first >= 0 && first <= 9 && last >= 0 && last <= 9)) return null;
  return parseDecimal(text);
}

function timeOk(t: unknown, nowMs: number): boolean {
  return typeof t === 'number' && Number.isFinite(t) && t >= MIN_TRADE_TIME_MS && t <= nowMs + MAX_CLOCK_AHEAD_MS;
}

/** A venue trade id: an exact, non-negative integer (dedup and gap checks compare them as such). */
function idOk(id: unknown): boolean {
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0;
}

export function validateTrade(trade: Trade, nowMs: number): Validated {
  const symbol = symbolProblem(trade.symbol);
  if (symbol !== null) return reject('bad-symbol', symbol);
  if (trade.id !== undefined || trade.firstId !== undefined) {
    if (trade.id === undefined || !idOk(trade.id)) return reject('bad-id', `${trade.symbol} id ${String(trade.id)}`);
    const first = trade.firstId;
    if (first !== undefined && (!idOk(first) || first > trade.id)) {
      return reject('bad-id', `${trade.symbol} ids ${String(first)}..${String(trade.id)}`);
    }
  }
  const price = wireDecimal(trade.price);
  if (price === null || !isPositive(price)) return reject('bad-price', `price ${JSON.stringify(trade.price)}`);
  const size = wireDecimal(trade.size);
  if (size === null || !isPositive(size)) return reject('bad-size', `size ${JSON.stringify(trade.size)}`);
  if (!timeOk(trade.timeMs, nowMs)) return reject('bad-time', `time ${String(trade.timeMs)}`);
  return { ok: true, value: { trade, price, size, priceNum: toNumber(price) } };
}

/**
 * Best bid and offer: both prices positive plain decimals with ask ≥ bid (a crossed book is a
 * broken feed, not a market), sizes plain decimals (zero allowed: an emptied level), a believable
 * time. Quotes are stored and retained by time, so one without a sane time would never expire.
 */
export function validateQuote(quote: Quote, nowMs: number): ValidatedQuote {
  const symbol = symbolProblem(quote.symbol);
  if (symbol !== null) return reject('bad-symbol', symbol);
  const bid = wireDecimal(quote.bid);
  const ask = wireDecimal(quote.ask);
  if (bid === null || ask === null || !isPositive(bid) || !isPositive(ask)) {
    return reject(
      'bad-price',
      `quote ${quote.symbol} bid/ask ${JSON.stringify(quote.bid)}/${JSON.stringify(quote.ask)}`,
    );
  }
  if (wireDecimal(quote.bidSize) === null || wireDecimal(quote.askSize) === null) {
    return reject(
      'bad-size',
      `quote ${quote.symbol} sizes ${JSON.stringify(quote.bidSize)}/${JSON.stringify(quote.askSize)}`,
    );
  }
  if (compare(ask, bid) < 0)
    return reject('crossed-quote', `quote ${quote.symbol} ask ${quote.ask} < bid ${quote.bid}`);
  if (!timeOk(quote.timeMs, nowMs)) return reject('bad-time', `quote ${quote.symbol} time ${String(quote.timeMs)}`);
  return { ok: true, value: quote };
}
