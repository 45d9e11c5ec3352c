import type { FrameSink } from '../adapter';
import type { TakerSide } from '../types';
import { preview, isObject, parseJson, rfc3339ToMs, type JsonObject } from '../wire-values';
import type { CoinbaseError, CoinbaseHeartbeat, CoinbaseMatch, CoinbaseTicker } from './wire';

/** Coinbase reports the maker's side; the taker (aggressor) did the opposite. */
export function coinbaseTakerSide(makerSide: unknown): TakerSide | null {
  return makerSide === 'sell' ? 'buy' : makerSide === 'buy' ? 'sell' : null;
}

function parseMatch(d: JsonObject, sink: FrameSink): void {
  const m = d as unknown as CoinbaseMatch;
  if (typeof m.product_id !== 'string' || !Number.isSafeInteger(m.trade_id)) {
    return sink.reject('malformed', 'match without product_id/trade_id');
  }
  const side = coinbaseTakerSide(m.side);
  if (side === null) return sink.reject('malformed', `match side ${preview(m.side)}`);
  if (typeof m.price !== 'string') return sink.reject('bad-price', `price ${preview(m.price)}`);
  if (typeof m.size !== 'string') return sink.reject('bad-size', `size ${preview(m.size)}`);
  const timeMs = rfc3339ToMs(m.time);
  if (Number.isNaN(timeMs)) return sink.reject('bad-time', `time ${preview(m.time)}`);
  sink.trade({ venue: 'coinbase', symbol: m.product_id, id: m.trade_id, timeMs, price: m.price, size: m.size, side });
}

function parseTicker(d: JsonObject, receivedAtMs: number, sink: FrameSink): void {
  const t = d as unknown as CoinbaseTicker;
  if (
    typeof t.product_id !== 'string' ||
    typeof t.best_bid !== 'string' ||
    typeof t.best_ask !== 'string' ||
    typeof t.best_bid_size !== 'string' ||
    typeof t.best_ask_size !== 'string'
  ) {
    return sink.reject('malformed', 'ticker without product_id/best_bid/best_bid_size/best_ask/best_ask_size');
  }
  const parsed = rfc3339ToMs(t.time);
  sink.quote({
    venue: 'coinbase',
    symbol: t.product_id,
    timeMs: Number.isNaN(parsed) ? receivedAtMs : parsed,
    bid: t.best_bid,
    bidSize: t.best_bid_size,
    ask: t.best_ask,
    askSize: t.best_ask_size,
  });
}

function parseHeartbeat(d: JsonObject, sink: FrameSink): void {
  const h = d as unknown as CoinbaseHeartbeat;
  if (typeof h.product_id !== 'string') return sink.reject('malformed', 'heartbeat without product_id');
  const timeMs = rfc3339ToMs(h.time);
  sink.control({
    kind: 'heartbeat',
    symbol: h.product_id,
    // Only an exact id can mark a gap: 1e308 or -1 would open one of absurd size.
    ...(Number.isSafeInteger(h.last_trade_id) && h.last_trade_id >= 0 ? { lastTradeId: h.last_trade_id } : {}),
    ...(Number.isNaN(timeMs) ? {} : { timeMs }),
  });
}

/** `{"type":"error","message":"Failed to subscribe","reason":"XYZ-USD is not a valid product"}` */
function parseError(d: JsonObject, sink: FrameSink): void {
  const e = d as unknown as CoinbaseError;
  const message = typeof e.message === 'string' ? e.message : 'error';
  const reason = typeof e.reason === 'string' ? e.reason : undefined;
  const text = reason === undefined ? message : `${message}: ${reason}`;
  // The reason names the product it refused ("ETH-XYZ is not a valid product").
  const space = reason?.indexOf(' ') ?? -1;
  const symbol =
    reason !== undefined && space > 0 && reason.includes('not a valid product') ? reason.slice(0, space) : undefined;
  const auth = /auth|signature|api key|unauthori[sz]ed/i.test(text);
  sink.control({
    kind: 'error',
    message: text,
    ...(symbol !== undefined ? { symbol } : {}),
    ...(auth ? { auth } : {}),
  });
}

export function parseCoinbaseFrame(frame: string, receivedAtMs: number, sink: FrameSink): void {
  const msg = parseJson(frame);
  if (msg === undefined) return sink.reject('not-json', frame);
  if (!isObject(msg)) return sink.reject('malformed', frame);
  switch (msg['type']) {
    case 'match':
    case 'last_match':
      return parseMatch(msg, sink);
    case 'ticker':
      return parseTicker(msg, receivedAtMs, sink);
    case 'heartbeat':
      return parseHeartbeat(msg, sink);
    case 'subscriptions':
      return sink.control({ kind: 'ack' });
    case 'error':
      return parseError(msg, sink);
  }
  // The docs say to ignore unknown types; we still count them so a new one shows up in health.
  sink.reject('unknown-type', `type ${preview(msg['type'])}`);
}
