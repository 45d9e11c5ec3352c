import type { FrameSink } from '../adapter';
import { preview, isObject, parseJson, type JsonObject } from '../wire-values';
import type { BybitVenue } from './wire';

function parseTrades(venue: BybitVenue, data: unknown, sink: FrameSink): void {
  if (!Array.isArray(data)) return sink.reject('malformed', 'publicTrade without data array');
  for (const item of data) {
    if (!isObject(item) || typeof item['s'] !== 'string' || typeof item['T'] !== 'number') {
      sink.reject('malformed', 'publicTrade without s/T');
      continue;
    }
    const S = item['S'];
    if (S !== 'Buy' && S !== 'Sell') {
      sink.reject('malformed', `publicTrade side ${preview(S)}`);
      continue;
    }
    const price = item['p'];
    if (typeof price !== 'string') {
      sink.reject('bad-price', `price ${preview(price)}`);
      continue;
    }
    const size = item['v'];
    if (typeof size !== 'string') {
      sink.reject('bad-size', `size ${preview(size)}`);
      continue;
    }
    // No `id`: UUIDs on linear, cross-symbol numbers past 2^53 on spot; neither orders per symbol.
    sink.trade({ venue, symbol: item['s'], timeMs: item['T'], price, size, side: S === 'Buy' ? 'buy' : 'sell' });
  }
}

function level(side: unknown): [string, string] | null {
  if (!Array.isArray(side)) return null;
  const top: unknown = side[0];
  if (!Array.isArray(top) || typeof top[0] !== 'string' || typeof top[1] !== 'string') return null;
  return [top[0], top[1]];
}

function parseOrderbook(venue: BybitVenue, msg: JsonObject, receivedAtMs: number, sink: FrameSink): void {
  const data = msg['data'];
  if (!isObject(data) || typeof data['s'] !== 'string') return sink.reject('malformed', 'orderbook without data.s');
  const symbol = data['s'];
  if (data['u'] === 1) sink.control({ kind: 'reset', symbol, reason: 'orderbook u=1 (service restart)' });
  const bid = level(data['b']);
  const ask = level(data['a']);
  if (bid === null || ask === null)
    return sink.reject('malformed', `orderbook ${symbol} without both best bid and ask`);
  const cts = msg['cts'];
  const ts = msg['ts'];
  const timeMs = typeof cts === 'number' ? cts : typeof ts === 'number' ? ts : receivedAtMs;
  sink.quote({ venue, symbol, timeMs, bid: bid[0], bidSize: bid[1], ask: ask[0], askSize: ask[1] });
}

/**
 * The symbol of a refused topic, when the message names one; Bybit's texts vary
 * ("error:handler not found,topic:orderbook.1.XYZ", "Invalid topic :[orderbook.1.XYZ]").
 */
function refusedSymbol(message: string): string | undefined {
  for (const prefix of ['publicTrade.', 'orderbook.1.']) {
    const at = message.indexOf(prefix);
    if (at < 0) continue;
    let end = at + prefix.length;
    while (end < message.length) {
      const c = message.charCodeAt(end);
      if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95)) break;
      end++;
    }
    if (end > at + prefix.length) return message.slice(at + prefix.length, end);
  }
  return undefined;
}

function parseReply(msg: JsonObject, op: string, sink: FrameSink): void {
  const retMsg = typeof msg['ret_msg'] === 'string' ? msg['ret_msg'] : '';
  // Pongs: spot/linear answer op "ping" with ret_msg "pong"; option/private send op "pong".
  if (op === 'pong' || (op === 'ping' && msg['success'] !== false)) return sink.control({ kind: 'pong' });
  if (msg['success'] === true) {
    const reqId = msg['req_id'];
    return sink.control({ kind: 'ack', id: typeof reqId === 'string' || typeof reqId === 'number' ? reqId : null });
  }
  if (msg['success'] === false) {
    const symbol = refusedSymbol(retMsg);
    return sink.control({
      kind: 'error',
      message: retMsg.length > 0 ? retMsg : `${op} failed`,
      ...(symbol !== undefined ? { symbol } : {}),
    });
  }
  sink.reject('unknown-type', `op ${preview(op)}`);
}

function parseBybitFrame(venue: BybitVenue, frame: string, receivedAtMs: number, sink: FrameSink): void {
  const msg = parseJson(frame);
  if (msg === undefined) return sink.reject('not-json', frame);
  if (!isObject(msg)) return sink.reject('malformed', frame);
  const topic = msg['topic'];
  if (typeof topic === 'string') {
    if (topic.startsWith('publicTrade.')) return parseTrades(venue, msg['data'], sink);
    if (topic.startsWith('orderbook.1.')) return parseOrderbook(venue, msg, receivedAtMs, sink);
    return sink.reject('unknown-type', `topic ${preview(topic)}`);
  }
  const op = msg['op'];
  if (typeof op === 'string') return parseReply(msg, op, sink);
  sink.reject('unknown-type', `keys ${preview(Object.keys(msg).slice(0, 4))}`);
}

export function parseBybitSpotFrame(frame: string, receivedAtMs: number, sink: FrameSink): void {
  parseBybitFrame('bybit-spot', frame, receivedAtMs, sink);
}

export function parseBybitLinearFrame(frame: string, receivedAtMs: number, sink: FrameSink): void {
  parseBybitFrame('bybit-linear', frame, receivedAtMs, sink);
}
