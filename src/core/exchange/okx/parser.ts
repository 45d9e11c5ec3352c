import type { FrameSink } from '../adapter';
import { preview, integerValue, isObject, parseJson, type JsonObject } from '../wire-values';
import { OkxSizer } from './contract-size';
import type { OkxContractLookup } from './wire';

export type FrameParser = (frame: string, receivedAtMs: number, sink: FrameSink) => void;

/** "…channel:trades,instId:BTC-XYZ doesn't exist" → "BTC-XYZ". */
function instIdIn(message: string): string | undefined {
  const at = message.indexOf('instId:');
  if (at < 0) return undefined;
  let end = at + 7;
  while (end < message.length) {
    const c = message.charCodeAt(end);
    const ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95;
    if (!ok) break;
    end++;
  }
  return end > at + 7 ? message.slice(at + 7, end) : undefined;
}

function parseEvent(msg: JsonObject, event: string, sink: FrameSink): void {
  const arg = isObject(msg['arg']) ? msg['arg'] : undefined;
  const code = typeof msg['code'] === 'string' || typeof msg['code'] === 'number' ? msg['code'] : undefined;
  const text = typeof msg['msg'] === 'string' ? msg['msg'] : '';
  switch (event) {
    case 'subscribe':
    case 'unsubscribe':
      return sink.control({
        kind: 'ack',
        ...(typeof arg?.['channel'] === 'string' ? { channel: arg['channel'] } : {}),
        ...(typeof arg?.['instId'] === 'string' ? { symbol: arg['instId'] } : {}),
      });
    case 'error':
    case 'channel-conn-count-error': {
      const symbol = typeof arg?.['instId'] === 'string' ? arg['instId'] : instIdIn(text);
      return sink.control({
        kind: 'error',
        message: text.length > 0 ? text : event,
        ...(code !== undefined ? { code } : {}),
        ...(symbol !== undefined ? { symbol } : {}),
      });
    }
    case 'notice':
      // 64008: "The connection will soon be closed for a service upgrade. Please reconnect."
      return sink.control({ kind: 'reconnect', reason: `${code ?? 'notice'} ${text}`.trim() });
    case 'channel-conn-count':
      return sink.control({ kind: 'status', message: `channel-conn-count ${preview(msg['connCount'])}` });
  }
  sink.reject('unknown-type', `event ${preview(event)}`);
}

/**
 * Parser for the /public socket. SWAP/FUTURES sizes are contracts: `contracts` supplies ctVal so
 * sizes come out in base units; without it those trades are rejected rather than mis-sized.
 */
export function createOkxParser(contracts?: OkxContractLookup): FrameParser {
  const sizer = new OkxSizer(contracts);

  function parseTrades(data: unknown, sink: FrameSink): void {
    if (!Array.isArray(data)) return sink.reject('malformed', 'trades push without data array');
    for (const item of data) {
      if (!isObject(item) || typeof item['instId'] !== 'string') {
        sink.reject('malformed', 'trade without instId');
        continue;
      }
      const symbol = item['instId'];
      const id = integerValue(item['tradeId']);
      if (Number.isNaN(id)) {
        sink.reject('malformed', `tradeId ${preview(item['tradeId'])}`);
        continue;
      }
      const side = item['side'];
      if (side !== 'buy' && side !== 'sell') {
        sink.reject('malformed', `side ${preview(side)}`);
        continue;
      }
      const price = item['px'];
      if (typeof price !== 'string') {
        sink.reject('bad-price', `px ${preview(price)}`);
        continue;
      }
      const sz = item['sz'];
      if (typeof sz !== 'string') {
        sink.reject('bad-size', `sz ${preview(sz)}`);
        continue;
      }
      const timeMs = integerValue(item['ts']);
      if (Number.isNaN(timeMs)) {
        sink.reject('bad-time', `ts ${preview(item['ts'])}`);
        continue;
      }
      const sized = sizer.size(symbol, sz);
      if (!sized.ok) {
        sink.reject('bad-size', sized.detail);
        continue;
      }
      // `count` fills aggregated into one push; `tradeId` is the last of them [rep, unverified live].
      const count = item['count'] === undefined ? 1 : integerValue(item['count']);
      if (Number.isNaN(count) || count < 1 || count > id + 1) {
        sink.reject('malformed', `count ${preview(item['count'])}`);
        continue;
      }
      // Two literals rather than a spread: no temporary object per trade on the hot path.
      if (count > 1) {
        sink.trade({ venue: 'okx', symbol, id, firstId: id - count + 1, timeMs, price, size: sized.size, side });
      } else {
        sink.trade({ venue: 'okx', symbol, id, timeMs, price, size: sized.size, side });
      }
    }
  }

  function parseBbo(symbol: string, data: unknown, receivedAtMs: number, sink: FrameSink): void {
    if (!Array.isArray(data)) return sink.reject('malformed', 'bbo-tbt push without data array');
    for (const item of data) {
      const ask: unknown = isObject(item) && Array.isArray(item['asks']) ? item['asks'][0] : undefined;
      const bid: unknown = isObject(item) && Array.isArray(item['bids']) ? item['bids'][0] : undefined;
      if (
        !isObject(item) ||
        !Array.isArray(ask) ||
        !Array.isArray(bid) ||
        typeof ask[0] !== 'string' ||
        typeof ask[1] !== 'string' ||
        typeof bid[0] !== 'string' ||
        typeof bid[1] !== 'string'
      ) {
        sink.reject('malformed', `bbo-tbt ${symbol} without best bid and ask`);
        continue;
      }
      const bidSize = sizer.size(symbol, bid[1]);
      const askSize = sizer.size(symbol, ask[1]);
      if (!bidSize.ok || !askSize.ok) {
        sink.reject('bad-size', bidSize.ok ? (askSize as { detail: string }).detail : bidSize.detail);
        continue;
      }
      const ts = integerValue(item['ts']);
      sink.quote({
        venue: 'okx',
        symbol,
        timeMs: Number.isNaN(ts) ? receivedAtMs : ts,
        bid: bid[0],
        bidSize: bidSize.size,
        ask: ask[0],
        askSize: askSize.size,
      });
    }
  }

  return function parseOkxFrame(frame, receivedAtMs, sink) {
    // The keep-alive reply is the literal text "pong", not JSON.
    if (frame === 'pong') return sink.control({ kind: 'pong' });
    const msg = parseJson(frame);
    if (msg === undefined) return sink.reject('not-json', frame);
    if (!isObject(msg)) return sink.reject('malformed', frame);
    const event = msg['event'];
    if (typeof event === 'string') return parseEvent(msg, event, sink);
    const arg = msg['arg'];
    if (!isObject(arg) || typeof arg['channel'] !== 'string') {
      return sink.reject('unknown-type', `keys ${preview(Object.keys(msg).slice(0, 4))}`);
    }
    const channel = arg['channel'];
    if (channel === 'trades' || channel === 'trades-all') return parseTrades(msg['data'], sink);
    if (channel === 'bbo-tbt') {
      if (typeof arg['instId'] !== 'string') return sink.reject('malformed', 'bbo-tbt without arg.instId');
      return parseBbo(arg['instId'], msg['data'], receivedAtMs, sink);
    }
    sink.reject('unknown-type', `channel ${preview(channel)}`);
  };
}

/** Spot-only parser (no contract lookup): SWAP/FUTURES trades are rejected as unsized. */
export const parseOkxFrame: FrameParser = createOkxParser();
