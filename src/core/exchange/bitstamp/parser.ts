import type { FrameSink } from '../adapter';
import { decimalText, preview, integerValue, isObject, microsToMs, parseJson, type JsonObject } from '../wire-values';

const LIVE_TRADES = 'live_trades_';
const ORDER_BOOK = 'order_book_';

/** "live_trades_btcusd" → "BTCUSD": we report pairs upper case, the wire wants lower case. */
function pairOf(channel: string, prefix: string): string | null {
  return channel.startsWith(prefix) && channel.length > prefix.length
    ? channel.slice(prefix.length).toUpperCase()
    : null;
}

function timeOf(d: JsonObject): number {
  const ms = microsToMs(d['microtimestamp']);
  if (!Number.isNaN(ms)) return ms;
  const s = integerValue(d['timestamp']);
  return Number.isNaN(s) ? NaN : s * 1000;
}

function parseTrade(channel: string, d: unknown, sink: FrameSink): void {
  const symbol = pairOf(channel, LIVE_TRADES);
  if (symbol === null || !isObject(d)) return sink.reject('malformed', `trade on ${preview(channel)}`);
  const type = d['type'];
  if (type !== 0 && type !== 1) return sink.reject('malformed', `trade type ${preview(type)}`);
  // price_str/amount_str are exact; the bare numbers are a float fallback.
  const price = typeof d['price_str'] === 'string' ? d['price_str'] : decimalText(d['price']);
  if (price === null) return sink.reject('bad-price', `price ${preview(d['price_str'])}`);
  const size = typeof d['amount_str'] === 'string' ? d['amount_str'] : decimalText(d['amount']);
  if (size === null) return sink.reject('bad-size', `amount ${preview(d['amount_str'])}`);
  const timeMs = timeOf(d);
  if (Number.isNaN(timeMs)) return sink.reject('bad-time', `microtimestamp ${preview(d['microtimestamp'])}`);
  const id = d['id'];
  const side = type === 0 ? 'buy' : 'sell';
  // Increasing but believed shared across pairs: dedupe only, never gap checks. A present id
  // that is not a number is refused rather than dropped, so the trade cannot dodge dedupe.
  if (id !== undefined && typeof id !== 'number') return sink.reject('bad-id', `id ${preview(id)}`);
  if (typeof id === 'number') {
    sink.trade({ venue: 'bitstamp', symbol, id, timeMs, price, size, side });
  } else {
    sink.trade({ venue: 'bitstamp', symbol, timeMs, price, size, side });
  }
}

function top(levels: unknown): [string, string] | null {
  const level: unknown = Array.isArray(levels) ? levels[0] : undefined;
  if (!Array.isArray(level) || typeof level[0] !== 'string' || typeof level[1] !== 'string') return null;
  return [level[0], level[1]];
}

function parseOrderBook(channel: string, d: unknown, receivedAtMs: number, sink: FrameSink): void {
  const symbol = pairOf(channel, ORDER_BOOK);
  if (symbol === null || !isObject(d)) return sink.reject('unknown-type', `data on ${preview(channel)}`);
  const bid = top(d['bids']);
  const ask = top(d['asks']);
  if (bid === null || ask === null) return sink.reject('malformed', `order_book ${symbol} without best bid and ask`);
  const timeMs = timeOf(d);
  sink.quote({
    venue: 'bitstamp',
    symbol,
    timeMs: Number.isNaN(timeMs) ? receivedAtMs : timeMs,
    bid: bid[0],
    bidSize: bid[1],
    ask: ask[0],
    askSize: ask[1],
  });
}

function symbolOfChannel(channel: string): string | undefined {
  return pairOf(channel, LIVE_TRADES) ?? pairOf(channel, ORDER_BOOK) ?? undefined;
}

export function parseBitstampFrame(frame: string, receivedAtMs: number, sink: FrameSink): void {
  const msg = parseJson(frame);
  if (msg === undefined) return sink.reject('not-json', frame);
  if (!isObject(msg)) return sink.reject('malformed', frame);
  const channel = typeof msg['channel'] === 'string' ? msg['channel'] : '';
  switch (msg['event']) {
    case 'trade':
      return parseTrade(channel, msg['data'], sink);
    case 'data':
      return parseOrderBook(channel, msg['data'], receivedAtMs, sink);
    case 'bts:subscription_succeeded':
    case 'bts:unsubscription_succeeded': {
      const symbol = symbolOfChannel(channel);
      return sink.control({ kind: 'ack', channel, ...(symbol !== undefined ? { symbol } : {}) });
    }
    case 'bts:error': {
      const d = isObject(msg['data']) ? msg['data'] : {};
      const code = typeof d['code'] === 'number' || typeof d['code'] === 'string' ? d['code'] : undefined;
      const symbol = symbolOfChannel(channel);
      return sink.control({
        kind: 'error',
        message: typeof d['message'] === 'string' ? d['message'] : 'bts:error',
        ...(code !== undefined && code !== null ? { code } : {}),
        ...(channel.length > 0 ? { channel } : {}),
        ...(symbol !== undefined ? { symbol } : {}),
      });
    }
    case 'bts:request_reconnect':
      return sink.control({ kind: 'reconnect', reason: 'bts:request_reconnect' });
    case 'bts:heartbeat':
      return sink.control({ kind: 'pong' });
  }
  sink.reject('unknown-type', `event ${preview(msg['event'])}`);
}
