import type { FrameSink } from '../adapter';
import { decimalText, preview, isObject, parseJson } from '../wire-values';

const AUTH_WORDS = [
  'token',
  'api key',
  'apikey',
  'unauthori',
  'authenticat',
  'forbidden',
  'access denied',
  "don't have access",
];

/**
 * Whether a Finnhub error is about the key (missing, invalid, no access) rather than a symbol:
 * the connection layer must then stop retrying and ask the user. A refused key usually fails
 * the handshake itself (HTTP 401, seen in the browser only as close code 1006); this covers the
 * in-band `{"type":"error"}` form [unv: message texts are not documented].
 */
export function isFinnhubAuthError(message: string): boolean {
  const text = message.toLowerCase();
  for (const word of AUTH_WORDS) if (text.includes(word)) return true;
  return false;
}

function parseTrades(data: unknown, sink: FrameSink): void {
  if (!Array.isArray(data)) return sink.reject('malformed', 'trade message without data array');
  for (const item of data) {
    if (!isObject(item) || typeof item['s'] !== 'string' || typeof item['t'] !== 'number') {
      sink.reject('malformed', 'trade without s/t');
      continue;
    }
    const price = typeof item['p'] === 'number' ? decimalText(item['p']) : null;
    if (price === null) {
      sink.reject('bad-price', `p ${preview(item['p'])}`);
      continue;
    }
    const v = item['v'];
    // v = 0 marks price-only updates (indices, forex): not a trade.
    const size = typeof v === 'number' && v > 0 ? decimalText(v) : null;
    if (size === null) {
      sink.reject('bad-size', `v ${preview(v)}`);
      continue;
    }
    sink.trade({ venue: 'finnhub', symbol: item['s'], timeMs: item['t'], price, size, side: 'unknown' });
  }
}

export function parseFinnhubFrame(frame: string, _receivedAtMs: number, sink: FrameSink): void {
  const msg = parseJson(frame);
  if (msg === undefined) return sink.reject('not-json', frame);
  if (!isObject(msg)) return sink.reject('malformed', frame);
  switch (msg['type']) {
    case 'trade':
      return parseTrades(msg['data'], sink);
    case 'ping':
      // Server keep-alive; nothing to answer.
      return sink.control({ kind: 'heartbeat' });
    case 'error': {
      const message = typeof msg['msg'] === 'string' ? msg['msg'] : 'error';
      return sink.control({ kind: 'error', message, ...(isFinnhubAuthError(message) ? { auth: true } : {}) });
    }
  }
  sink.reject('unknown-type', `type ${preview(msg['type'])}`);
}
