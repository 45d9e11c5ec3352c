import type { FrameSink, Subscription, VenueAdapter } from '../adapter';
import { isObject, parseJson, preview, textOf, type JsonObject as Json } from '../wire-values';
import type { BinanceAggTradeEvent, BinanceBookTicker, BinanceTradeEvent } from './wire';

/** Stream names are lower case; symbols in payloads are upper case. */
export function streamNames(subscription: Subscription, tradeStream: 'trade' | 'aggTrade' = 'trade'): string[] {
  const names: string[] = [];
  for (const symbol of subscription.symbols) {
    const s = symbol.toLowerCase();
    if (subscription.trades) names.push(`${s}@${tradeStream}`);
    if (subscription.quotes) names.push(`${s}@bookTicker`);
  }
  return names;
}

function parseTrade(d: Json, sink: FrameSink): void {
  const e = d as unknown as BinanceTradeEvent;
  if (typeof e.s !== 'string' || typeof e.t !== 'number' || typeof e.T !== 'number' || typeof e.m !== 'boolean') {
    sink.reject('malformed', 'trade without s/t/T/m');
    return;
  }
  if (typeof e.p !== 'string') {
    sink.reject('bad-price', `price ${preview(e.p)}`);
    return;
  }
  if (typeof e.q !== 'string') {
    sink.reject('bad-size', `size ${preview(e.q)}`);
    return;
  }
  sink.trade({
    venue: 'binance-spot',
    symbol: e.s,
    id: e.t,
    timeMs: e.T,
    price: e.p,
    size: e.q,
    side: e.m ? 'sell' : 'buy',
  });
}

function parseAggTrade(d: Json, sink: FrameSink): void {
  const e = d as unknown as BinanceAggTradeEvent;
  if (typeof e.s !== 'string' || typeof e.a !== 'number' || typeof e.T !== 'number' || typeof e.m !== 'boolean') {
    sink.reject('malformed', 'aggTrade without s/a/T/m');
    return;
  }
  if (typeof e.p !== 'string') return sink.reject('bad-price', `price ${preview(e.p)}`);
  if (typeof e.q !== 'string') return sink.reject('bad-size', `size ${preview(e.q)}`);
  sink.trade({
    venue: 'binance-spot',
    symbol: e.s,
    id: e.a,
    timeMs: e.T,
    price: e.p,
    size: e.q,
    side: e.m ? 'sell' : 'buy',
  });
}

function parseBookTicker(d: Json, receivedAtMs: number, sink: FrameSink): void {
  const e = d as unknown as BinanceBookTicker;
  if (
    typeof e.s !== 'string' ||
    typeof e.b !== 'string' ||
    typeof e.a !== 'string' ||
    typeof e.B !== 'string' ||
    typeof e.A !== 'string'
  ) {
    sink.reject('malformed', 'bookTicker without s/b/B/a/A');
    return;
  }
  sink.quote({
    venue: 'binance-spot',
    symbol: e.s,
    timeMs: receivedAtMs,
    bid: e.b,
    bidSize: e.B,
    ask: e.a,
    askSize: e.A,
  });
}

/** Dispatches one event object (the `data` of a combined frame, or a raw-stream frame). */
function parseEvent(d: Json, receivedAtMs: number, sink: FrameSink): void {
  switch (d['e']) {
    case 'trade':
      return parseTrade(d, sink);
    case 'aggTrade':
      return parseAggTrade(d, sink);
    case 'serverShutdown':
      return sink.control({ kind: 'reconnect', reason: 'serverShutdown' });
    case undefined:
      if ('u' in d && 'b' in d && 'a' in d) return parseBookTicker(d, receivedAtMs, sink);
      break;
  }
  sink.reject('unknown-type', `event ${preview(d['e'] ?? Object.keys(d).slice(0, 4))}`);
}

export function parseBinanceSpotFrame(frame: string, receivedAtMs: number, sink: FrameSink): void {
  const msg = parseJson(frame);
  if (msg === undefined) {
    sink.reject('not-json', frame);
    return;
  }
  if (!isObject(msg)) {
    sink.reject('malformed', frame);
    return;
  }
  if (typeof msg['stream'] === 'string') {
    const data = msg['data'];
    if (!isObject(data)) return sink.reject('malformed', 'combined frame without data object');
    return parseEvent(data, receivedAtMs, sink);
  }
  // Replies to SUBSCRIBE and friends: {"result":null,"id":1} or {"error":{code,msg},"id":1}.
  if ('id' in msg && ('result' in msg || 'error' in msg)) {
    if (msg['error'] !== undefined && msg['error'] !== null) {
      const err = msg['error'];
      const text = isObject(err) ? `${textOf(err['code'])} ${textOf(err['msg'])}` : textOf(err);
      return sink.control({ kind: 'error', message: text });
    }
    return sink.control({ kind: 'ack', id: msg['id'] as string | number | null });
  }
  parseEvent(msg, receivedAtMs, sink);
}

export const binanceSpotAdapter: VenueAdapter = {
  venue: 'binance-spot',
  url(base, subscription) {
    return `${base.replace(/\/+$/, '')}/stream?streams=${streamNames(subscription).join('/')}`;
  },
  // Streams ride on the URL; no subscribe message needed (and none counts against 5 msgs/s).
  subscribeMessages() {
    return [];
  },
  parse: parseBinanceSpotFrame,
};
