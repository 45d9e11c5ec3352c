import type { ServerResponse } from 'node:http';
import type { WebSocket } from 'ws';
import type { Quote } from '../../../src/core/exchange/types';
import type { EmittedTrade, Tape } from '../tape';
import { under, uuidFrom, VenueMockBase, type ClientBase, type Faults, type MockOptions } from '../venue';
import { limitOf } from './binance-common';

export type BybitCategory = 'spot' | 'linear';

const REST_PREFIX = '/bybit/v5/market';
/** Spot trade ids are numeric strings past 2^53, shared across symbols. */
const SPOT_ID_BASE = 2290000000061666000n;
const SEQ_BASE = 1_783_284_000;

interface BybitClient extends ClientBase {
  readonly topics: Set<string>;
}

/**
 * Bybit v5 public websocket (bybit-exchange/docs `docs/v5/websocket/`) at
 * `/bybit/v5/public/{spot,linear}`: `{"op":"subscribe","args":[…],"req_id"}` with one reply per
 * request (spot `ret_msg:"subscribe"`, linear `ret_msg:""`; at most 10 args on spot), JSON
 * `{"op":"ping"}` → `{"success":true,"ret_msg":"pong","conn_id","op":"ping"}` (linear also echoes
 * `req_id`), `publicTrade.<S>` batches (`i` = numeric string shared across symbols on spot, a UUID
 * on linear; `L` tick direction on linear only), `orderbook.1.<S>` snapshots (`u` per symbol, 1 =
 * restart). REST `/bybit/v5/market/instruments-info` and `/recent-trade` (no cursor), with no
 * CORS header: Bybit's REST is not usable from a browser [rep].
 */
export class BybitMock extends VenueMockBase<BybitClient> {
  readonly name: 'bybit-spot' | 'bybit-linear';
  protected override readonly cors = false;
  private readonly updateIds = new Map<string, number>();
  private readonly lastQuote = new Map<string, Quote>();

  constructor(
    readonly category: BybitCategory,
    tape: Tape,
    faults: Faults,
    options: MockOptions,
    readonly symbols: readonly string[] = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'],
  ) {
    super(tape, faults, options);
    this.name = category === 'spot' ? 'bybit-spot' : 'bybit-linear';
  }

  private get wsPath(): string {
    return `/bybit/v5/public/${this.category}`;
  }

  acceptsWs(url: URL): boolean {
    return url.pathname === this.wsPath;
  }

  protected createClient(socket: WebSocket, url: URL, connId: string): BybitClient {
    const now = Date.now();
    return { socket, url, connId: uuidFrom(connId), lastInMs: now, lastOutMs: now, topics: new Set() };
  }

  /** The trade id as this market prints it. */
  wireId(t: EmittedTrade): string {
    return this.category === 'spot' ? (SPOT_ID_BASE + BigInt(t.seq)).toString() : uuidFrom('bybit', t.symbol, t.id);
  }

  private topicSymbol(topic: string): string | null {
    for (const prefix of ['publicTrade.', 'orderbook.1.']) {
      if (topic.startsWith(prefix) && topic.length > prefix.length) return topic.slice(prefix.length);
    }
    return null;
  }

  protected onMessage(client: BybitClient, text: string): void {
    let msg: { op?: unknown; args?: unknown; req_id?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return this.sendJson(client, { success: false, ret_msg: 'error:invalid op', conn_id: client.connId, op: '' });
    }
    const reqId = typeof msg.req_id === 'string' ? { req_id: msg.req_id } : {};
    const op = typeof msg.op === 'string' ? msg.op : '';
    if (op === 'ping') {
      return this.sendJson(client, {
        success: true,
        ret_msg: 'pong',
        conn_id: client.connId,
        ...(this.category === 'linear' ? reqId : {}),
        op: 'ping',
      });
    }
    const reply = (success: boolean, retMsg: string) =>
      this.sendJson(client, { success, ret_msg: retMsg, conn_id: client.connId, ...reqId, op });
    if (op !== 'subscribe' && op !== 'unsubscribe') return reply(false, `error:invalid op ${op}`);
    const args = Array.isArray(msg.args) ? msg.args.filter((a): a is string => typeof a === 'string') : [];
    if (args.length === 0) return reply(false, 'error:args is empty');
    if (this.category === 'spot' && args.length > 10) return reply(false, 'args size >10');
    let failure: string | null = null;
    for (const topic of args) {
      const symbol = this.topicSymbol(topic);
      if (op === 'unsubscribe') {
        client.topics.delete(topic);
        continue;
      }
      if (symbol === null || this.refused(symbol, this.symbols)) {
        failure ??= this.category === 'spot' ? `Invalid topic :[${topic}]` : `error:handler not found,topic:${topic}`;
        continue;
      }
      if (client.topics.has(topic)) {
        failure ??= `error:already subscribed,topic:${topic}`;
        continue;
      }
      client.topics.add(topic);
      const q = topic.startsWith('orderbook.1.') ? this.lastQuote.get(symbol) : undefined;
      if (q !== undefined) queueMicrotask(() => this.sendData(client, this.orderbook(q, false)));
    }
    // One reply per request; the valid topics of a partly bad request are subscribed [unv].
    if (failure !== null) reply(false, failure);
    else reply(true, this.category === 'spot' && op === 'subscribe' ? 'subscribe' : '');
  }

  private orderbook(q: Quote, restart: boolean) {
    const u = restart ? 1 : (this.updateIds.get(q.symbol) ?? 18_521_000) + 1;
    this.updateIds.set(q.symbol, u);
    return {
      topic: `orderbook.1.${q.symbol}`,
      ts: q.timeMs + 2,
      type: 'snapshot',
      data: { s: q.symbol, b: [[q.bid, q.bidSize]], a: [[q.ask, q.askSize]], u, seq: SEQ_BASE + u },
      cts: q.timeMs,
    };
  }

  /** Bybit's service-restart signal: an orderbook snapshot with `u = 1` for every symbol with a quote. */
  serviceRestart(): void {
    for (const q of this.lastQuote.values()) {
      const frame = JSON.stringify(this.orderbook(q, true));
      for (const c of this.clients) if (c.topics.has(`orderbook.1.${q.symbol}`)) this.sendData(c, frame);
    }
  }

  protected broadcast(trades: readonly EmittedTrade[], quotes: readonly Quote[]): void {
    const bySymbol = new Map<string, EmittedTrade[]>();
    for (const t of trades) {
      let list = bySymbol.get(t.symbol);
      if (list === undefined) bySymbol.set(t.symbol, (list = []));
      list.push(t);
    }
    for (const [symbol, list] of bySymbol) {
      const topic = `publicTrade.${symbol}`;
      const frame = JSON.stringify({
        topic,
        type: 'snapshot',
        ts: (list.at(-1) as EmittedTrade).timeMs + 3,
        data: list.map((t) => this.tradeItem(t)),
      });
      for (const c of this.clients) if (c.topics.has(topic)) this.sendData(c, frame);
    }
    for (const q of quotes) {
      this.lastQuote.set(q.symbol, q);
      const frame = JSON.stringify(this.orderbook(q, false));
      for (const c of this.clients) if (c.topics.has(`orderbook.1.${q.symbol}`)) this.sendData(c, frame);
    }
  }

  private tradeItem(t: EmittedTrade) {
    const base = {
      T: t.timeMs,
      s: t.symbol,
      S: t.side === 'buy' ? 'Buy' : 'Sell',
      v: t.size,
      p: t.price,
    };
    if (this.category === 'spot') return { i: this.wireId(t), ...base, BT: false, RPI: false, seq: SEQ_BASE + t.seq };
    const prev = this.tape.trade(this.name, t.symbol, t.id - 1);
    const dir = prev === undefined ? 0 : Math.sign(Number(t.price) - Number(prev.price));
    const L = dir > 0 ? 'PlusTick' : dir < 0 ? 'MinusTick' : 'ZeroPlusTick';
    return { ...base, L, i: this.wireId(t), BT: false, RPI: false, seq: SEQ_BASE + t.seq };
  }

  protected ownsHttp(url: URL): boolean {
    if (under(REST_PREFIX, url.pathname) === null) return false;
    const category = url.searchParams.get('category');
    // The spot mock also answers requests with a missing or unknown category (with an error).
    return category === this.category || (this.category === 'spot' && category !== 'linear');
  }

  protected restError(res: ServerResponse, status: number): void {
    // Bybit answers an exceeded IP limit with 403 "access too frequent"; other statuses as given.
    this.json(res, status, {
      retCode: status === 429 || status === 403 ? 10006 : 10000,
      retMsg: status === 429 || status === 403 ? 'Too many visits!' : 'Service unavailable',
      result: {},
      retExtInfo: {},
      time: Date.now(),
    });
  }

  private ok(res: ServerResponse, result: unknown): void {
    this.json(res, 200, { retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: Date.now() });
  }

  protected serveHttp(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    if (q.get('category') !== this.category) {
      return this.json(res, 200, { retCode: 10001, retMsg: 'params error: Category is invalid', result: {} });
    }
    switch (under(REST_PREFIX, url.pathname)) {
      case '/instruments-info':
        return this.ok(res, {
          category: this.category,
          // One page: a request with a cursor is past the end.
          list:
            (q.get('cursor') ?? '') !== ''
              ? []
              : this.symbols.map((symbol) => ({
                  symbol,
                  ...(this.category === 'linear' ? { contractType: 'LinearPerpetual' } : {}),
                  status: 'Trading',
                  baseCoin: symbol.replace(/USDT$/, ''),
                  quoteCoin: 'USDT',
                  priceFilter: { tickSize: '0.01' },
                  lotSizeFilter: { basePrecision: '0.000001', minOrderQty: '0.000048' },
                })),
          nextPageCursor: '',
        });
      case '/recent-trade': {
        const symbol = q.get('symbol') ?? '';
        if (!this.symbols.includes(symbol)) {
          return this.json(res, 200, { retCode: 10001, retMsg: 'Not supported symbols', result: {} });
        }
        const limit = limitOf(q, this.category === 'spot' ? 60 : 500, this.category === 'spot' ? 60 : 1000);
        const list = [...this.tape.trades(this.name, symbol)].slice(-limit).reverse();
        return this.ok(res, {
          category: this.category,
          list: list.map((t) => ({
            execId: this.wireId(t),
            symbol,
            price: t.price,
            size: t.size,
            side: t.side === 'buy' ? 'Buy' : 'Sell',
            time: String(t.timeMs),
            isBlockTrade: false,
            isRPITrade: false,
          })),
        });
      }
      default:
        return this.json(res, 404, { retCode: 10404, retMsg: 'Not found', result: {} });
    }
  }
}
