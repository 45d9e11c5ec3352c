import type { ServerResponse } from 'node:http';
import type { WebSocket } from 'ws';
import type { Quote } from '../../../src/core/exchange/types';
import type { EmittedTrade, Tape } from '../tape';
import { num, rfc3339Micros, under, VenueMockBase, type ClientBase, type Faults, type MockOptions } from '../venue';

const WS_PATH = '/kraken/v2';
const REST_PREFIX = '/kraken/0/public';
/** The trade snapshot on subscribe holds this many of the latest trades. */
const SNAPSHOT_SIZE = 50;

interface KrakenPair {
  /** v2 websocket symbol. */
  readonly symbol: string;
  /** REST result key (`XXBTZUSD`), `altname` (`XBTUSD`), legacy `wsname` (`XBT/USD`). */
  readonly key: string;
  readonly altname: string;
  readonly wsname: string;
  readonly base: string;
  readonly quote: string;
}

const PAIRS: readonly KrakenPair[] = [
  { symbol: 'BTC/USD', key: 'XXBTZUSD', altname: 'XBTUSD', wsname: 'XBT/USD', base: 'XXBT', quote: 'ZUSD' },
  { symbol: 'ETH/USD', key: 'XETHZUSD', altname: 'ETHUSD', wsname: 'ETH/USD', base: 'XETH', quote: 'ZUSD' },
  { symbol: 'SOL/USD', key: 'SOLUSD', altname: 'SOLUSD', wsname: 'SOL/USD', base: 'SOL', quote: 'ZUSD' },
];

interface KrakenClient extends ClientBase {
  /** channel → symbols */
  readonly subs: Map<string, Set<string>>;
}

/**
 * Kraken spot websocket v2 (docs.kraken.com/api/docs/websocket-v2) at `/kraken/v2`: a `status`
 * message on open, subscribe with one reply per symbol (`success` true with `result`, or false
 * with `error` "Currency pair not supported X" and `symbol`), a `trade` snapshot of the last 50
 * trades then `update`s, `ticker` (event_trigger bbo) snapshot + updates, all prices and sizes as
 * JSON numbers and times as RFC 3339 µs; `{"channel":"heartbeat"}` about once a second while
 * subscribed and otherwise idle; `{"method":"ping","req_id":N}` → `pong` with `time_in`/`time_out`.
 * REST `/kraken/0/public/Trades?pair=&since=<ns>&count=` (times > since, ascending, `last` = ns
 * cursor, price/volume as padded strings) and `/kraken/0/public/AssetPairs`.
 */
export class KrakenMock extends VenueMockBase<KrakenClient> {
  readonly name = 'kraken' as const;
  private readonly lastQuote = new Map<string, Quote>();
  private connectionId = 8_123_939_061_048;

  constructor(tape: Tape, faults: Faults, options: MockOptions) {
    super(tape, faults, options);
    this.every(options.heartbeatMs, (now) => {
      for (const c of this.clients) {
        if (c.subs.size > 0 && now - c.lastOutMs >= options.heartbeatMs * 0.9)
          this.sendJson(c, { channel: 'heartbeat' });
      }
    });
  }

  get symbols(): string[] {
    return PAIRS.map((p) => p.symbol);
  }

  acceptsWs(url: URL): boolean {
    return url.pathname === WS_PATH || url.pathname === `${WS_PATH}/`;
  }

  protected createClient(socket: WebSocket, url: URL, connId: string): KrakenClient {
    const now = Date.now();
    return { socket, url, connId, lastInMs: now, lastOutMs: now, subs: new Map() };
  }

  protected override opened(client: KrakenClient): void {
    this.connectionId += 7;
    this.sendJson(client, {
      channel: 'status',
      type: 'update',
      data: [{ version: '2.0.10', system: 'online', api_version: 'v2', connection_id: this.connectionId }],
    });
  }

  protected onMessage(client: KrakenClient, text: string): void {
    const timeIn = rfc3339Micros(Date.now() * 1000);
    let msg: { method?: unknown; params?: unknown; req_id?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return this.sendJson(client, { error: 'Malformed request', success: false, time_in: timeIn, time_out: timeIn });
    }
    const reqId = typeof msg.req_id === 'number' ? { req_id: msg.req_id } : {};
    const reply = (body: Record<string, unknown>) =>
      this.sendJson(client, { ...body, ...reqId, time_in: timeIn, time_out: rfc3339Micros(Date.now() * 1000) });
    if (msg.method === 'ping') return reply({ method: 'pong' });
    if (msg.method !== 'subscribe' && msg.method !== 'unsubscribe') {
      return reply({ error: `Method not found`, method: String(msg.method), success: false });
    }
    const method = msg.method;
    const params = (typeof msg.params === 'object' && msg.params !== null ? msg.params : {}) as {
      channel?: unknown;
      symbol?: unknown;
      snapshot?: unknown;
      event_trigger?: unknown;
    };
    const channel = params.channel;
    if (channel !== 'trade' && channel !== 'ticker') {
      return reply({ error: `Channel ${String(channel)} not supported by the mock`, method, success: false });
    }
    const symbols = Array.isArray(params.symbol) ? params.symbol.filter((s) => typeof s === 'string') : [];
    if (symbols.length === 0) return reply({ error: 'Missing symbol', method, success: false });
    const snapshot = params.snapshot !== false;
    let set = client.subs.get(channel);
    if (set === undefined) client.subs.set(channel, (set = new Set()));
    for (const symbol of symbols) {
      if (method === 'subscribe' && this.refused(symbol, this.symbols)) {
        reply({ error: `Currency pair not supported ${symbol}`, method, success: false, symbol });
        continue;
      }
      if (method === 'unsubscribe') set.delete(symbol);
      else set.add(symbol);
      const result: Record<string, unknown> = { channel, snapshot, symbol };
      if (channel === 'ticker') result['event_trigger'] = params.event_trigger === 'bbo' ? 'bbo' : 'trades';
      reply({ method, result, success: true });
      if (method === 'unsubscribe' || !snapshot) continue;
      if (channel === 'trade') {
        const last = this.tape.trades(this.name, symbol).slice(-SNAPSHOT_SIZE);
        this.sendData(client, { channel: 'trade', type: 'snapshot', data: last.map(tradeItem) });
      } else {
        const q = this.lastQuote.get(symbol);
        if (q !== undefined) this.sendData(client, { channel: 'ticker', type: 'snapshot', data: [this.tickerItem(q)] });
      }
    }
    if (set.size === 0) client.subs.delete(channel);
  }

  private tickerItem(q: Quote) {
    const last = this.tape.trades(this.name, q.symbol).at(-1);
    const lastPrice = num(last?.price ?? q.bid);
    return {
      symbol: q.symbol,
      bid: num(q.bid),
      bid_qty: num(q.bidSize),
      ask: num(q.ask),
      ask_qty: num(q.askSize),
      last: lastPrice,
      volume: 997.98383185,
      vwap: lastPrice,
      low: lastPrice,
      high: lastPrice,
      change: 0,
      change_pct: 0,
      timestamp: rfc3339Micros(q.timeMs * 1000),
    };
  }

  protected broadcast(trades: readonly EmittedTrade[], quotes: readonly Quote[]): void {
    const bySymbol = new Map<string, EmittedTrade[]>();
    for (const t of trades) {
      let list = bySymbol.get(t.symbol);
      if (list === undefined) bySymbol.set(t.symbol, (list = []));
      list.push(t);
    }
    for (const [symbol, list] of bySymbol) {
      const frame = JSON.stringify({ channel: 'trade', type: 'update', data: list.map(tradeItem) });
      for (const c of this.clients) if (c.subs.get('trade')?.has(symbol) === true) this.sendData(c, frame);
    }
    for (const q of quotes) {
      this.lastQuote.set(q.symbol, q);
      const frame = JSON.stringify({ channel: 'ticker', type: 'update', data: [this.tickerItem(q)] });
      for (const c of this.clients) if (c.subs.get('ticker')?.has(q.symbol) === true) this.sendData(c, frame);
    }
  }

  protected ownsHttp(url: URL): boolean {
    return under(REST_PREFIX, url.pathname) !== null;
  }

  protected restError(res: ServerResponse, status: number): void {
    const error =
      status === 429
        ? 'EGeneral:Too many requests'
        : status === 451
          ? 'EGeneral:Permission denied'
          : 'EService:Unavailable';
    this.json(res, status, { error: [error] });
  }

  protected serveHttp(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    switch (under(REST_PREFIX, url.pathname)) {
      case '/AssetPairs': {
        const v1 = q.get('assetVersion') === '1';
        const result: Record<string, unknown> = {};
        for (const p of PAIRS) {
          result[v1 ? p.symbol : p.key] = {
            altname: p.altname,
            wsname: v1 ? p.symbol : p.wsname,
            aclass_base: 'currency',
            base: v1 ? p.symbol.split('/')[0] : p.base,
            aclass_quote: 'currency',
            quote: v1 ? 'USD' : p.quote,
            pair_decimals: 2,
            cost_decimals: 5,
            lot_decimals: 8,
            lot_multiplier: 1,
            ordermin: '0.0001',
            tick_size: '0.01',
            status: 'online',
          };
        }
        return this.json(res, 200, { error: [], result });
      }
      case '/Trades':
        return this.trades(q, res);
      default:
        return this.json(res, 404, { error: ['EGeneral:Unknown method'] });
    }
  }

  /** Trades with time > `since` (ns), ascending, at most `count`; `last` is the cursor for the next page. */
  private trades(q: URLSearchParams, res: ServerResponse): void {
    const name = (q.get('pair') ?? '').toUpperCase();
    const pair = PAIRS.find((p) => [p.key, p.altname, p.symbol.replace('/', ''), p.symbol].includes(name));
    if (pair === undefined) return this.json(res, 200, { error: ['EQuery:Unknown asset pair'] });
    const count = Math.min(1000, Math.max(1, Number(q.get('count') ?? 1000) || 1000));
    const all = this.tape.trades(this.name, pair.symbol);
    let page: readonly EmittedTrade[];
    let since: bigint | null = null;
    try {
      since = q.has('since') ? BigInt(q.get('since') as string) : null;
    } catch {
      return this.json(res, 200, { error: ['EGeneral:Invalid arguments:since'] });
    }
    if (since === null) page = all.slice(-count);
    else {
      // Seconds-sized cursors (old clients) are read as seconds, as Kraken does.
      const ns = since < 10_000_000_000n ? since * 1_000_000_000n : since;
      page = all.filter((t) => BigInt(t.timeUs) * 1000n > ns).slice(0, count);
    }
    const last = page.at(-1);
    this.json(res, 200, {
      error: [],
      result: {
        [pair.key]: page.map((t) => [
          pad(t.price, 5),
          pad(t.size, 8),
          num(`${Math.floor(t.timeUs / 1e6)}.${String(t.timeUs % 1e6).padStart(6, '0')}`),
          t.side === 'buy' ? 'b' : 's',
          t.id % 3 === 0 ? 'l' : 'm',
          '',
          t.id,
        ]),
        last: last === undefined ? String(since ?? 0n) : `${last.timeUs}000`,
      },
    });
  }
}

function tradeItem(t: EmittedTrade) {
  return {
    symbol: t.symbol,
    side: t.side,
    price: num(t.price),
    qty: num(t.size),
    ord_type: t.id % 3 === 0 ? 'limit' : 'market',
    trade_id: t.id,
    timestamp: rfc3339Micros(t.timeUs),
  };
}

/** Kraken REST prints decimals padded to a fixed width ("30243.40000"). */
export function pad(text: string, decimals: number): string {
  const [whole, frac = ''] = text.split('.');
  return `${whole}.${frac.padEnd(decimals, '0')}`;
}
