import type { FrameSink } from '../adapter';
import { preview, isObject, parseJson, textOf, type JsonObject } from '../wire-values';
import type { BinanceUsdmAggTradeEvent, BinanceUsdmBookTicker, BinanceUsdmTradeEvent } from './wire';

/** Insurance-fund and ADL fills are not market flow; the docs exclude them from aggTrade anyway. */
function excluded(x: unknown): boolean {
  return typeof x === 'string' && x !== 'MARKET';
}

function parseAggTrade(d: JsonObject, sink: FrameSink): void {
  const e = d as unknown as BinanceUsdmAggTradeEvent;
  if (typeof e.s !== 'string' || !Number.isSafeInteger(e.a) || typeof e.T !== 'number' || typeof e.m !== 'boolean') {
    return sink.reject('malformed', 'aggTrade without s/a/T/m');
  }
  if (typeof e.p !== 'string') return sink.reject('bad-price', `price ${preview(e.p)}`);
  if (typeof e.q !== 'string') return sink.reject('bad-size', `size ${preview(e.q)}`);
  if (excluded(e.X)) return sink.reject('excluded', `aggTrade ${e.s} ${e.a} X=${textOf(e.X)}`);
  sink.trade({
    venue: 'binance-usdm',
    symbol: e.s,
    id: e.a,
    timeMs: e.T,
    price: e.p,
    size: e.q,
    side: e.m ? 'sell' : 'buy',
  });
}

function parseTrade(d: JsonObject, sink: FrameSink): void {
  const e = d as unknown as BinanceUsdmTradeEvent;
  if (typeof e.s !== 'string' || !Number.isSafeInteger(e.t) || typeof e.T !== 'number' || typeof e.m !== 'boolean') {
    return sink.reject('malformed', 'trade without s/t/T/m');
  }
  if (typeof e.p !== 'string') return sink.reject('bad-price', `price ${preview(e.p)}`);
  if (typeof e.q !== 'string') return sink.reject('bad-size', `size ${preview(e.q)}`);
  if (excluded(e.X)) return sink.reject('excluded', `trade ${e.s} ${e.t} X=${textOf(e.X)}`);
  sink.trade({
    venue: 'binance-usdm',
    symbol: e.s,
    id: e.t,
    timeMs: e.T,
    price: e.p,
    size: e.q,
    side: e.m ? 'sell' : 'buy',
  });
}

function parseBookTicker(d: JsonObject, receivedAtMs: number, sink: FrameSink): void {
  const e = d as unknown as BinanceUsdmBookTicker;
  if (
    typeof e.s !== 'string' ||
    typeof e.b !== 'string' ||
    typeof e.B !== 'string' ||
    typeof e.a !== 'string' ||
    typeof e.A !== 'string'
  ) {
    return sink.reject('malformed', 'bookTicker without s/b/B/a/A');
  }
  const timeMs = typeof e.T === 'number' ? e.T : typeof e.E === 'number' ? e.E : receivedAtMs;
  sink.quote({ venue: 'binance-usdm', symbol: e.s, timeMs, bid: e.b, bidSize: e.B, ask: e.a, askSize: e.A });
}

function parseEvent(d: JsonObject, receivedAtMs: number, sink: FrameSink): void {
  switch (d['e']) {
    case 'aggTrade':
      return parseAggTrade(d, sink);
    case 'trade':
      return parseTrade(d, sink);
    case 'bookTicker':
      return parseBookTicker(d, receivedAtMs, sink);
    case 'serverShutdown':
      return sink.control({ kind: 'reconnect', reason: 'serverShutdown' });
  }
  sink.reject('unknown-type', `event ${preview(d['e'] ?? Object.keys(d).slice(0, 4))}`);
}

/** Parses a frame from either USD-M base (/market or /public), raw or combined (`{stream,data}`). */
export function parseBinanceUsdmFrame(frame: string, receivedAtMs: number, sink: FrameSink): void {
  const msg = parseJson(frame);
  if (msg === undefined) return sink.reject('not-json', frame);
  if (!isObject(msg)) return sink.reject('malformed', frame);
  if (typeof msg['stream'] === 'string') {
    const data = msg['data'];
    if (!isObject(data)) return sink.reject('malformed', 'combined frame without data object');
    return parseEvent(data, receivedAtMs, sink);
  }
  // Replies to SUBSCRIBE and friends: {"result":null,"id":1} or {"error":{code,msg},"id":1}.
  if ('id' in msg && ('result' in msg || 'error' in msg)) {
    const err = msg['error'];
    if (err !== undefined && err !== null) {
      if (isObject(err)) {
        const code = typeof err['code'] === 'number' || typeof err['code'] === 'string' ? err['code'] : undefined;
        return sink.control({ kind: 'error', message: textOf(err['msg']), ...(code !== undefined ? { code } : {}) });
      }
      return sink.control({ kind: 'error', message: textOf(err) });
    }
    const id = msg['id'];
    return sink.control({ kind: 'ack', id: typeof id === 'number' || typeof id === 'string' ? id : null });
  }
  parseEvent(msg, receivedAtMs, sink);
}
