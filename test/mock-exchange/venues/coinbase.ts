import type { ServerResponse } from 'node:http';
import type { WebSocket } from 'ws';
import type { Quote } from '../../../src/core/exchange/types';
import type { EmittedTrade, Tape } from '../tape';
import {
  rfc3339Micros,
  under,
  uuidFrom,
  VenueMockBase,
  type ClientBase,
  type Faults,
  type MockOptions,
} from '../venue';
import { limitOf } from './binance-common';

const PREFIX = '/coinbase';
/** Channels an unauthenticated client may subscribe to; the mock sends matches, ticker and heartbeat. */
const PUBLIC_CHANNELS = ['matches', 'ticker', 'ticker_batch', 'heartbeat', 'status', 'level2_batch'];
const AUTH_CHANNELS = ['level2', 'full', 'level3', 'user'];

interface CoinbaseClient extends ClientBase {
  /** channel → products */
  readonly subs: Map<string, Set<string>>;
  subscribed: boolean;
}

interface ChannelSpec {
  readonly name: string;
  readonly products: readonly string[];
}

/**
 * Coinbase Exchange websocket feed (docs.cdp.coinbase.com/exchange/websocket-feed) at `/coinbase`
 * (= `wss://ws-feed.exchange.coinbase.com`): one subscribe message with products and channels
 * (strings or `{name, product_ids}`), `subscriptions` ack, `{"type":"error","message":"Failed to
 * subscribe","reason":"X is not a valid product"}` refusing the whole message, `last_match` per
 * product first, `match` with the MAKER side, `ticker` with best bid/ask and the taker side,
 * `heartbeat` per product with `last_trade_id` (executed, so a dropped trade shows as a gap), and
 * a close if nothing is subscribed within 5 s. REST `/coinbase/products`,
 * `/coinbase/products/{id}`, `/coinbase/products/{id}/trades?after=|before=&limit=` (newest
 * first; `after` = older ids, `CB-AFTER`/`CB-BEFORE` cursors).
 */
export class CoinbaseMock extends VenueMockBase<CoinbaseClient> {
  readonly name = 'coinbase' as const;
  private readonly sequences = new Map<string, number>();

  constructor(
    tape: Tape,
    faults: Faults,
    options: MockOptions,
    readonly products: readonly string[] = ['BTC-USD', 'ETH-USD', 'SOL-USD'],
  ) {
    super(tape, faults, options);
    this.every(options.heartbeatMs, (now) => this.heartbeats(now));
  }

  acceptsWs(url: URL): boolean {
    return url.pathname === PREFIX || url.pathname === `${PREFIX}/`;
  }

  protected createClient(socket: WebSocket, url: URL, connId: string): CoinbaseClient {
    const now = Date.now();
    return { socket, url, connId, lastInMs: now, lastOutMs: now, subs: new Map(), subscribed: false };
  }

  protected override opened(client: CoinbaseClient): void {
    const timer = setTimeout(() => {
      if (client.subscribed) return;
      this.sendJson(client, { type: 'error', message: 'Failed to subscribe', reason: 'no subscribe within 5 seconds' });
      client.socket.close(1000, 'subscribe timeout');
    }, this.options.coinbaseSubscribeWithinMs);
    timer.unref();
    client.socket.on('close', () => clearTimeout(timer));
  }

  private sequence(product: string): number {
    const next = (this.sequences.get(product) ?? 50_000_000_000) + 1 + (product.length % 3);
    this.sequences.set(product, next);
    return next;
  }

  private error(client: CoinbaseClient, reason: string, message = 'Failed to subscribe'): void {
    this.sendJson(client, { type: 'error', message, reason });
  }

  protected onMessage(client: CoinbaseClient, text: string): void {
    let msg: { type?: unknown; product_ids?: unknown; channels?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return this.error(client, 'malformed JSON', 'Malformed JSON');
    }
    if (msg.type !== 'subscribe' && msg.type !== 'unsubscribe') {
      return this.error(client, `Type has to be either subscribe or unsubscribe`);
    }
    const top = stringList(msg.product_ids);
    if (!Array.isArray(msg.channels) || msg.channels.length === 0) return this.error(client, 'No channels provided');
    const specs: ChannelSpec[] = [];
    for (const ch of msg.channels as unknown[]) {
      if (typeof ch === 'string') specs.push({ name: ch, products: top });
      else if (typeof ch === 'object' && ch !== null && typeof (ch as { name?: unknown }).name === 'string') {
        const c = ch as { name: string; product_ids?: unknown };
        specs.push({ name: c.name, products: c.product_ids === undefined ? top : stringList(c.product_ids) });
      } else return this.error(client, 'channels must be strings or objects with a name');
    }
    // Any bad channel or product refuses the whole message [unv: observed behaviour of the old Pro feed].
    for (const spec of specs) {
      if (AUTH_CHANNELS.includes(spec.name)) return this.error(client, `${spec.name} channel requires authentication`);
      if (!PUBLIC_CHANNELS.includes(spec.name)) return this.error(client, `${spec.name} is not a valid channel`);
      if (spec.name !== 'status' && spec.products.length === 0) return this.error(client, 'No product ids provided');
      const bad = spec.products.find((p) => this.refused(p, this.products));
      if (bad !== undefined && msg.type === 'subscribe') return this.error(client, `${bad} is not a valid product`);
    }
    const added: string[] = [];
    for (const spec of specs) {
      let set = client.subs.get(spec.name);
      if (set === undefined) client.subs.set(spec.name, (set = new Set()));
      for (const p of spec.products) {
        if (msg.type === 'unsubscribe') set.delete(p);
        else {
          if (spec.name === 'matches' && !set.has(p)) added.push(p);
          set.add(p);
        }
      }
      if (set.size === 0) client.subs.delete(spec.name);
    }
    client.subscribed ||= msg.type === 'subscribe';
    this.sendJson(client, {
      type: 'subscriptions',
      channels: [...client.subs].map(([name, set]) => ({ name, product_ids: [...set] })),
    });
    // The first message per product after subscribing to matches is its last trade.
    for (const p of added) {
      const last = this.tape.trades(this.name, p).at(-1);
      if (last !== undefined) this.sendData(client, { ...this.match(last), type: 'last_match' });
    }
  }

  private match(t: EmittedTrade) {
    return {
      type: 'match',
      trade_id: t.id,
      sequence: this.sequence(t.symbol),
      maker_order_id: uuidFrom('maker', t.symbol, t.id),
      taker_order_id: uuidFrom('taker', t.symbol, t.id),
      time: rfc3339Micros(t.timeUs),
      product_id: t.symbol,
      size: t.size,
      price: t.price,
      // The MAKER side: the taker bought from a resting sell.
      side: t.side === 'buy' ? 'sell' : 'buy',
    };
  }

  private has(client: CoinbaseClient, channel: string, product: string): boolean {
    return client.subs.get(channel)?.has(product) ?? false;
  }

  protected broadcast(trades: readonly EmittedTrade[], quotes: readonly Quote[]): void {
    for (const t of trades) {
      const frame = JSON.stringify(this.match(t));
      for (const c of this.clients) if (this.has(c, 'matches', t.symbol)) this.sendData(c, frame);
    }
    for (const q of quotes) {
      const last = this.tape.trades(this.name, q.symbol).at(-1);
      if (last === undefined) continue;
      const frame = JSON.stringify({
        type: 'ticker',
        sequence: this.sequence(q.symbol),
        product_id: q.symbol,
        price: last.price,
        open_24h: last.price,
        volume_24h: '1000.00000000',
        low_24h: last.price,
        high_24h: last.price,
        volume_30d: '30000.00000000',
        best_bid: q.bid,
        best_bid_size: q.bidSize,
        best_ask: q.ask,
        best_ask_size: q.askSize,
        side: last.side,
        time: rfc3339Micros(q.timeMs * 1000),
        trade_id: last.id,
        last_size: last.size,
      });
      for (const c of this.clients) if (this.has(c, 'ticker', q.symbol)) this.sendData(c, frame);
    }
  }

  private heartbeats(now: number): void {
    for (const c of this.clients) {
      for (const product of c.subs.get('heartbeat') ?? []) {
        this.sendJson(c, {
          type: 'heartbeat',
          sequence: this.sequence(product),
          last_trade_id: Math.max(0, this.tape.maxId(product, this.name)),
          product_id: product,
          // The venue's clock is never behind its own trades (the tape runs faster than the wall clock).
          time: rfc3339Micros(Math.max(now * 1000, this.tape.trades(this.name, product).at(-1)?.timeUs ?? 0)),
        });
      }
    }
  }

  protected ownsHttp(url: URL): boolean {
    const rest = under(PREFIX, url.pathname);
    return rest !== null && rest.startsWith('/products');
  }

  protected restError(res: ServerResponse, status: number): void {
    const message =
      status === 429
        ? 'Public rate limit exceeded'
        : status === 451
          ? 'Unavailable for legal reasons'
          : 'Internal server error';
    this.json(res, status, { message });
  }

  protected serveHttp(url: URL, res: ServerResponse): void {
    const parts = (under(PREFIX, url.pathname) ?? '').split('/').filter((p) => p !== '');
    const product = parts[1] === undefined ? undefined : decodeURIComponent(parts[1]);
    if (parts.length === 1) return this.json(res, 200, this.products.map(productInfo));
    if (product === undefined || !this.products.includes(product)) return this.json(res, 404, { message: 'NotFound' });
    if (parts.length === 2) return this.json(res, 200, productInfo(product));
    if (parts.length === 3 && parts[2] === 'trades') return this.trades(product, url.searchParams, res);
    this.json(res, 404, { message: 'NotFound' });
  }

  /** Newest first. `after=N`: ids < N (older); `before=N`: ids > N (newer); neither: the latest. */
  private trades(product: string, q: URLSearchParams, res: ServerResponse): void {
    const limit = limitOf(q, 100, 1000);
    const all = this.tape.trades(this.name, product);
    let page: EmittedTrade[];
    if (q.has('after')) {
      const after = Number(q.get('after'));
      page = all.filter((t) => t.id < after).slice(-limit);
    } else if (q.has('before')) {
      const before = Number(q.get('before'));
      page = all.filter((t) => t.id > before).slice(0, limit);
    } else {
      page = all.slice(-limit);
    }
    page = [...page].reverse();
    const headers: Record<string, string> = {};
    const newest = page[0];
    const oldest = page[page.length - 1];
    if (newest !== undefined) headers['cb-before'] = String(newest.id);
    if (oldest !== undefined) headers['cb-after'] = String(oldest.id);
    this.json(
      res,
      200,
      page.map((t) => ({
        time: rfc3339Micros(t.timeUs),
        trade_id: t.id,
        price: t.price,
        size: t.size,
        side: t.side === 'buy' ? 'sell' : 'buy',
      })),
      headers,
    );
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function productInfo(id: string) {
  const [base, quote] = id.split('-');
  return {
    id,
    base_currency: base,
    quote_currency: quote,
    quote_increment: '0.01',
    base_increment: '0.00000001',
    display_name: `${base}/${quote}`,
    min_market_funds: '1',
    margin_enabled: false,
    post_only: false,
    limit_only: false,
    cancel_only: false,
    status: 'online',
    status_message: '',
    trading_disabled: false,
    fx_stablecoin: false,
    auction_mode: false,
  };
}
