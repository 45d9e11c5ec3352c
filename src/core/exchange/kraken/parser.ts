import type { FrameSink } from '../adapter';
import { decimalText, preview, isObject, parseJson, rfc3339ToMs, type JsonObject } from '../wire-values';
import type { KrakenMethodReply } from './wire';

function parseTrades(data: unknown, sink: FrameSink): void {
  if (!Array.isArray(data)) return sink.reject('malformed', 'trade message without data array');
  for (const item of data) {
    if (!isObject(item) || typeof item['symbol'] !== 'string' || !Number.isSafeInteger(item['trade_id'])) {
      sink.reject('malformed', 'trade without symbol/trade_id');
      continue;
    }
    const side = item['side'];
    if (side !== 'buy' && side !== 'sell') {
      sink.reject('malformed', `trade side ${preview(side)}`);
      continue;
    }
    const price = decimalText(item['price']);
    if (price === null) {
      sink.reject('bad-price', `price ${preview(item['price'])}`);
      continue;
    }
    const size = decimalText(item['qty']);
    if (size === null) {
      sink.reject('bad-size', `qty ${preview(item['qty'])}`);
      continue;
    }
    const timeMs = rfc3339ToMs(item['timestamp']);
    if (Number.isNaN(timeMs)) {
      sink.reject('bad-time', `timestamp ${preview(item['timestamp'])}`);
      continue;
    }
    sink.trade({ venue: 'kraken', symbol: item['symbol'], id: item['trade_id'] as number, timeMs, price, size, side });
  }
}

function parseTickers(data: unknown, receivedAtMs: number, sink: FrameSink): void {
  if (!Array.isArray(data)) return sink.reject('malformed', 'ticker message without data array');
  for (const item of data) {
    if (!isObject(item) || typeof item['symbol'] !== 'string') {
      sink.reject('malformed', 'ticker without symbol');
      continue;
    }
    const bid = decimalText(item['bid']);
    const bidSize = decimalText(item['bid_qty']);
    const ask = decimalText(item['ask']);
    const askSize = decimalText(item['ask_qty']);
    if (bid === null || bidSize === null || ask === null || askSize === null) {
      sink.reject('malformed', `ticker ${item['symbol']} without bid/bid_qty/ask/ask_qty`);
      continue;
    }
    const parsed = rfc3339ToMs(item['timestamp']);
    const timeMs = Number.isNaN(parsed) ? receivedAtMs : parsed;
    sink.quote({ venue: 'kraken', symbol: item['symbol'], timeMs, bid, bidSize, ask, askSize });
  }
}

function parseChannel(msg: JsonObject, channel: string, receivedAtMs: number, sink: FrameSink): void {
  switch (channel) {
    case 'trade':
      return parseTrades(msg['data'], sink);
    case 'ticker':
      return parseTickers(msg['data'], receivedAtMs, sink);
    case 'heartbeat':
      return sink.control({ kind: 'heartbeat' });
    case 'status': {
      const first: unknown = Array.isArray(msg['data']) ? msg['data'][0] : undefined;
      const system = isObject(first) ? first['system'] : undefined;
      return sink.control({ kind: 'status', message: `system ${typeof system === 'string' ? system : 'unknown'}` });
    }
  }
  sink.reject('unknown-type', `channel ${preview(channel)}`);
}

/** Replies to subscribe/unsubscribe (one per symbol), pong, and method-less errors. */
function parseReply(msg: JsonObject, method: string, sink: FrameSink): void {
  const r = msg as unknown as KrakenMethodReply;
  if (method === 'pong') return sink.control({ kind: 'pong' });
  const reqId = typeof r.req_id === 'number' ? r.req_id : null;
  if (r.success === true) {
    const result = isObject(r.result) ? r.result : {};
    return sink.control({
      kind: 'ack',
      id: reqId,
      ...(typeof result['symbol'] === 'string' ? { symbol: result['symbol'] } : {}),
      ...(typeof result['channel'] === 'string' ? { channel: result['channel'] } : {}),
    });
  }
  const message = typeof r.error === 'string' ? r.error : `${method} failed`;
  sink.control({ kind: 'error', message, ...(typeof r.symbol === 'string' ? { symbol: r.symbol } : {}) });
}

export function parseKrakenFrame(frame: string, receivedAtMs: number, sink: FrameSink): void {
  const msg = parseJson(frame);
  if (msg === undefined) return sink.reject('not-json', frame);
  if (!isObject(msg)) return sink.reject('malformed', frame);
  const channel = msg['channel'];
  if (typeof channel === 'string') return parseChannel(msg, channel, receivedAtMs, sink);
  const method = msg['method'];
  if (typeof method === 'string') return parseReply(msg, method, sink);
  // Rate-limit and gateway errors: {"Error":"Exceeded msg rate"} / {"error":"..."}.
  const error = msg['error'] ?? msg['Error'];
  if (typeof error === 'string') return sink.control({ kind: 'error', message: error });
  sink.reject('unknown-type', `keys ${preview(Object.keys(msg).slice(0, 4))}`);
}
