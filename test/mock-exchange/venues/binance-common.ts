import type { ServerResponse } from 'node:http';
import type { WebSocket } from 'ws';
import type { ClientBase } from '../venue';
import type { EmittedTrade } from '../tape';

/** A Binance market-stream socket: streams from the URL plus SUBSCRIBE'd ones. */
export interface BinanceClient extends ClientBase {
  readonly streams: Set<string>;
  /** `/stream?streams=` wraps frames as `{"stream","data"}`; `/ws/<s>` sends them bare. */
  readonly combined: boolean;
  /** Inbound message times, for the per-second message limit. */
  readonly inbound: number[];
}

/**
 * Streams named by a path below a Binance base: `/stream?streams=a/b` (combined) or `/ws/a/b`
 * (raw). null when the path is neither.
 */
export function binanceStreamsOf(path: string, url: URL): { combined: boolean; streams: string[] } | null {
  if (path === '/stream') {
    return { combined: true, streams: (url.searchParams.get('streams') ?? '').split('/').filter((s) => s !== '') };
  }
  if (path === '/ws' || path.startsWith('/ws/')) {
    return {
      combined: false,
      streams: path
        .slice(3)
        .split('/')
        .filter((s) => s !== ''),
    };
  }
  return null;
}

export function binanceClient(socket: WebSocket, url: URL, connId: string, path: string): BinanceClient {
  const named = binanceStreamsOf(path, url) ?? { combined: false, streams: [] };
  const now = Date.now();
  return {
    socket,
    url,
    connId,
    lastInMs: now,
    lastOutMs: now,
    streams: new Set(named.streams),
    combined: named.combined,
    inbound: [],
  };
}

/**
 * SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS with `{"result":null,"id":N}` replies, error
 * replies `{"error":{"code","msg"},"id"}`, and a close past `maxPerSecond` inbound messages.
 * `refused(stream)` names streams to refuse (the venue itself does not validate symbols [unv]).
 */
export function binanceControl(
  client: BinanceClient,
  text: string,
  maxPerSecond: number,
  reply: (body: unknown) => void,
  refused: (stream: string) => boolean,
): void {
  const now = Date.now();
  client.inbound.push(now);
  while (client.inbound.length > 0 && (client.inbound[0] as number) < now - 1000) client.inbound.shift();
  if (client.inbound.length > maxPerSecond) {
    client.socket.close(1008, 'Too many requests');
    return;
  }
  let msg: { method?: unknown; params?: unknown; id?: unknown };
  try {
    msg = JSON.parse(text) as typeof msg;
  } catch {
    return reply({ error: { code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' }, id: null });
  }
  const id = msg.id ?? null;
  const params = Array.isArray(msg.params) ? (msg.params as unknown[]).filter((p) => typeof p === 'string') : [];
  switch (msg.method) {
    case 'SUBSCRIBE': {
      const bad = params.find(refused);
      if (bad !== undefined) return reply({ error: { code: 2, msg: `Invalid request: unknown stream ${bad}` }, id });
      for (const s of params) client.streams.add(s);
      return reply({ result: null, id });
    }
    case 'UNSUBSCRIBE':
      for (const s of params) client.streams.delete(s);
      return reply({ result: null, id });
    case 'LIST_SUBSCRIPTIONS':
      return reply({ result: [...client.streams], id });
    default:
      return reply({ error: { code: 2, msg: 'Invalid request: unknown variant' }, id });
  }
}

/** Symbol of a stream name: `btcusdt@aggTrade` → `BTCUSDT`. */
export function streamSymbol(stream: string): string {
  const at = stream.indexOf('@');
  return (at < 0 ? stream : stream.slice(0, at)).toUpperCase();
}

/** Binance's error bodies for faulted REST statuses (429 carries Retry-After). */
export function binanceRestError(
  json: (res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) => void,
  res: ServerResponse,
  status: number,
): void {
  if (status === 429) {
    json(
      res,
      429,
      { code: -1003, msg: 'Too many requests; current limit of IP is 6000 request weight per 1 MINUTE.' },
      {
        'retry-after': '2',
      },
    );
  } else if (status === 418) {
    json(res, 418, { code: -1003, msg: 'Way too many requests; IP banned.' }, { 'retry-after': '120' });
  } else if (status === 451) {
    json(res, 451, {
      code: 0,
      msg: "Service unavailable from a restricted location according to 'b. Eligibility' in https://www.binance.com/en/terms. Please contact customer service if you believe you received this message in error.",
    });
  } else {
    json(res, status, { code: -1001, msg: 'Internal error; unable to process your request. Please try again.' });
  }
}

/** An aggTrades REST row; the mock aggregates nothing, so one aggregate covers one trade. */
export function aggTradeRow(t: EmittedTrade, underlyingOffset: number) {
  return {
    a: t.id,
    p: t.price,
    q: t.size,
    f: t.id + underlyingOffset,
    l: t.id + underlyingOffset,
    T: t.timeMs,
    m: t.side === 'sell',
  };
}

/** `limit` query value clamped to the venue's cap. */
export function limitOf(q: URLSearchParams, fallback: number, max: number): number {
  const n = Number(q.get('limit') ?? fallback);
  return Number.isFinite(n) && n > 0 ? Math.min(max, Math.floor(n)) : fallback;
}
