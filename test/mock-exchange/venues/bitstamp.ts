import type { ServerResponse } from 'node:http';
import type { WebSocket } from 'ws';
import type { Quote } from '../../../src/core/exchange/types';
import type { EmittedTrade, Tape } from '../tape';
import { num, under, VenueMockBase, type ClientBase, type Faults, type MockOptions } from '../venue';

const WS_PATH = '/bitstamp';
const REST_PREFIX = '/bitstamp/api/v2';
/** Trade ids are increasing and shared across pairs. */
const ID_BASE = 300_000_000;
const ORDER_ID_BASE = 1_207_733_700_000_000;

interface BitstampClient extends ClientBase {
  readonly channels: Set<string>;
}

/**
 * Bitstamp websocket API v2 (Bitstamp "Websocket API v2" page; ccxt `pro/bitstamp.ts`) at
 * `/bitstamp` (= `wss://ws.bitstamp.net`): one `bts:subscribe` per channel, acked by
 * `bts:subscription_succeeded`; a bad channel or unknown pair gets `bts:error` "Bad subscription
 * string." (channel ""); `live_trades_<pair>` trades with `price_str`/`amount_str` (8 decimals),
 * `type` 0 buy / 1 sell, `microtimestamp`, ids increasing across all pairs; `order_book_<pair>`
 * top-of-book snapshots; `bts:heartbeat` answered with status success; `bts:request_reconnect`
 * on command. REST `/bitstamp/api/v2/trading-pairs-info/` and `/transactions/{pair}/?time=`.
 */
export class BitstampMock extends VenueMockBase<BitstampClient> {
  readonly name = 'bitstamp' as const;
  private readonly lastQuote = new Map<string, Quote>();

  constructor(
    tape: Tape,
    faults: Faults,
    options: MockOptions,
    readonly symbols: readonly string[] = ['BTCUSD', 'ETHUSD', 'SOLUSD'],
  ) {
    super(tape, faults, options);
  }

  /** The trade id on the wire: increasing over every pair, so not consecutive per pair. */
  wireId(t: EmittedTrade): number {
    return ID_BASE + t.seq;
  }

  acceptsWs(url: URL): boolean {
    return url.pathname === WS_PATH || url.pathname === `${WS_PATH}/`;
  }

  protected createClient(socket: WebSocket, url: URL, connId: string): BitstampClient {
    const now = Date.now();
    return { socket, url, connId, lastInMs: now, lastOutMs: now, channels: new Set() };
  }

  protected override reconnectNotice(): string {
    return JSON.stringify({ event: 'bts:request_reconnect', channel: '', data: '' });
  }

  private pairOf(channel: string): string | null {
    for (const prefix of ['live_trades_', 'order_book_']) {
      if (channel.startsWith(prefix)) {
        const pair = channel.slice(prefix.length);
        return pair === pair.toLowerCase() ? pair.toUpperCase() : null;
      }
    }
    return null;
  }

  protected onMessage(client: BitstampClient, text: string): void {
    const error = (message: string) =>
      this.sendJson(client, { event: 'bts:error', channel: '', data: { code: null, message } });
    let msg: { event?: unknown; data?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return error('Bad request');
    }
    if (msg.event === 'bts:heartbeat') {
      return this.sendJson(client, { event: 'bts:heartbeat', channel: '', data: { status: 'success' } });
    }
    const data = (typeof msg.data === 'object' && msg.data !== null ? msg.data : {}) as { channel?: unknown };
    const channel = typeof data.channel === 'string' ? data.channel : '';
    if (msg.event === 'bts:subscribe') {
      const pair = this.pairOf(channel);
      if (pair === null || this.refused(pair, this.symbols)) return error('Bad subscription string.');
      client.channels.add(channel);
      this.sendJson(client, { event: 'bts:subscription_succeeded', channel, data: {} });
      const q = channel.startsWith('order_book_') ? this.lastQuote.get(pair) : undefined;
      if (q !== undefined) this.sendData(client, this.orderBook(q));
      return;
    }
    if (msg.event === 'bts:unsubscribe') {
      client.channels.delete(channel);
      return this.sendJson(client, { event: 'bts:unsubscription_succeeded', channel, data: {} });
    }
    error('Bad request');
  }

  private orderBook(q: Quote) {
    const step = Number(q.ask) - Number(q.bid) || 0.01;
    const decimals = (q.bid.split('.')[1] ?? '').length;
    const level = (p: string, k: number, dir: number): [string, string] => [
      (Number(p) + dir * k * step).toFixed(decimals),
      k === 0 ? (dir < 0 ? q.bidSize : q.askSize) : (1.2 * (k + 1)).toFixed(8),
    ];
    return {
      data: {
        timestamp: String(Math.floor(q.timeMs / 1000)),
        microtimestamp: `${q.timeMs}000`,
        bids: [0, 1, 2].map((k) => level(q.bid, k, -1)),
        asks: [0, 1, 2].map((k) => level(q.ask, k, 1)),
      },
      channel: `order_book_${q.symbol.toLowerCase()}`,
      event: 'data',
    };
  }

  protected broadcast(trades: readonly EmittedTrade[], quotes: readonly Quote[]): void {
    for (const t of trades) {
      const channel = `live_trades_${t.symbol.toLowerCase()}`;
      const amount = eight(t.size);
      const orders = [ORDER_ID_BASE + t.seq * 2, ORDER_ID_BASE + t.seq * 2 + 1];
      const frame = JSON.stringify({
        data: {
          id: this.wireId(t),
          timestamp: String(Math.floor(t.timeMs / 1000)),
          amount: num(amount),
          amount_str: amount,
          price: num(t.price),
          price_str: t.price,
          type: t.side === 'buy' ? 0 : 1,
          microtimestamp: String(t.timeUs),
          buy_order_id: t.side === 'buy' ? orders[1] : orders[0],
          sell_order_id: t.side === 'buy' ? orders[0] : orders[1],
        },
        channel,
        event: 'trade',
      });
      for (const c of this.clients) if (c.channels.has(channel)) this.sendData(c, frame);
    }
    for (const q of quotes) {
      this.lastQuote.set(q.symbol, q);
      const frame = JSON.stringify(this.orderBook(q));
      for (const c of this.clients) if (c.channels.has(`order_book_${q.symbol.toLowerCase()}`)) this.sendData(c, frame);
    }
  }

  protected ownsHttp(url: URL): boolean {
    return under(REST_PREFIX, url.pathname) !== null;
  }

  protected restError(res: ServerResponse, status: number): void {
    this.json(res, status, {
      status: 'error',
      reason: status === 429 ? 'Rate limit exceeded' : 'Service unavailable',
      code: status === 429 ? 'API0005' : 'API0000',
    });
  }

  protected serveHttp(url: URL, res: ServerResponse): void {
    const parts = (under(REST_PREFIX, url.pathname) ?? '').split('/').filter((p) => p !== '');
    if (parts[0] === 'trading-pairs-info' && parts.length === 1) {
      return this.json(
        res,
        200,
        this.symbols.map((s) => ({
          name: `${s.slice(0, -3)}/${s.slice(-3)}`,
          url_symbol: s.toLowerCase(),
          base_decimals: 8,
          counter_decimals: 2,
          instant_order_counter_decimals: 2,
          minimum_order: '10.00 USD',
          trading: 'Enabled',
          instant_and_market_orders: 'Enabled',
          description: `${s.slice(0, -3)} / ${s.slice(-3)}`,
        })),
      );
    }
    if (parts[0] === 'transactions' && parts.length === 2) {
      const pair = (parts[1] ?? '').toUpperCase();
      if (!this.symbols.includes(pair)) return this.json(res, 404, { status: 'error', reason: 'Not found' });
      const windows: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
      const window = windows[url.searchParams.get('time') ?? 'hour'];
      if (window === undefined) return this.json(res, 400, { status: 'error', reason: 'Invalid time parameter' });
      const since = Date.now() - window;
      const rows = this.tape
        .trades(this.name, pair)
        .filter((t) => t.timeMs >= since)
        .reverse()
        .map((t) => ({
          date: String(Math.floor(t.timeMs / 1000)),
          tid: String(this.wireId(t)),
          amount: eight(t.size),
          type: t.side === 'buy' ? '0' : '1',
          price: t.price,
        }));
      return this.json(res, 200, rows);
    }
    this.json(res, 404, { status: 'error', reason: 'Not found' });
  }
}

/** Bitstamp prints amounts with 8 decimals ("1.00000000"). */
function eight(text: string): string {
  const [whole, frac = ''] = text.split('.');
  return `${whole}.${frac.padEnd(8, '0')}`;
}
