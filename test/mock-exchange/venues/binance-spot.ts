import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebSocket } from 'ws';
import type { Quote } from '../../../src/core/exchange/types';
import type { EmittedTrade, Tape } from '../tape';
import { sendJson, type Faults, type MockVenue } from '../venue';

interface Client {
  readonly socket: WebSocket;
  readonly streams: Set<string>;
  readonly combined: boolean;
  /** Inbound message times, for Binance's 5 messages/s limit. */
  readonly inbound: number[];
}

/**
 * Binance spot as documented in binance-spot-api-docs: `/stream?streams=a/b` (combined,
 * `{"stream","data"}` wrapper) and `/ws/<stream>` (raw), SUBSCRIBE/UNSUBSCRIBE/LIST_SUBSCRIPTIONS
 * with `{"result":null,"id":N}` replies, a disconnect past 5 inbound messages per second,
 * `@trade`/`@bookTicker` payloads, and REST `historicalTrades`, `aggTrades`, `exchangeInfo`.
 */
export class BinanceSpotMock implements MockVenue {
  readonly name = 'binance-spot';
  private readonly clients = new Set<Client>();
  connectionsOpened = 0;

  constructor(
    private readonly tape: Tape,
    private readonly faults: Faults,
    readonly symbols: readonly string[] = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'],
  ) {
    tape.onTrades((trades, quotes) => this.broadcast(trades, quotes));
  }

  get openConnections(): number {
    return this.clients.size;
  }

  acceptsWs(url: URL): boolean {
    return url.pathname === '/stream' || url.pathname === '/ws' || url.pathname.startsWith('/ws/');
  }

  onConnection(socket: WebSocket, url: URL): void {
    this.connectionsOpened++;
    const streams = new Set<string>();
    const combined = url.pathname === '/stream';
    const named = combined ? (url.searchParams.get('streams') ?? '') : url.pathname.slice(4).replace(/^\//, '');
    for (const s of named.split('/')) if (s) streams.add(s);
    const client: Client = { socket, streams, combined, inbound: [] };
    this.clients.add(client);
    socket.on('close', () => this.clients.delete(client));
    socket.on('message', (raw) => this.onMessage(client, raw.toString()));
  }

  private onMessage(client: Client, text: string): void {
    const now = Date.now();
    client.inbound.push(now);
    while (client.inbound.length > 0 && (client.inbound[0] as number) < now - 1000) client.inbound.shift();
    if (client.inbound.length > 5) {
      client.socket.close(1008, 'Too many requests');
      return;
    }
    let msg: { method?: string; params?: string[]; id?: unknown };
    try {
      msg = JSON.parse(text);
    } catch {
      client.socket.send(JSON.stringify({ error: { code: 3, msg: 'Invalid JSON' }, id: null }));
      return;
    }
    const id = msg.id ?? null;
    switch (msg.method) {
      case 'SUBSCRIBE':
        for (const s of msg.params ?? []) client.streams.add(s);
        return client.socket.send(JSON.stringify({ result: null, id }));
      case 'UNSUBSCRIBE':
        for (const s of msg.params ?? []) client.streams.delete(s);
        return client.socket.send(JSON.stringify({ result: null, id }));
      case 'LIST_SUBSCRIPTIONS':
        return client.socket.send(JSON.stringify({ result: [...client.streams], id }));
      default:
        return client.socket.send(JSON.stringify({ error: { code: 2, msg: `Invalid request` }, id }));
    }
  }

  private broadcast(trades: readonly EmittedTrade[], quotes: readonly Quote[]): void {
    if (this.faults.silent) return;
    for (const client of this.clients) {
      const send = (stream: string, data: unknown) => {
        if (!client.streams.has(stream)) return;
        for (const g of this.faults.garbage) client.socket.send(g);
        client.socket.send(JSON.stringify(client.combined ? { stream, data } : data));
      };
      for (const t of trades) {
        if (t.venue !== 'binance-spot') continue;
        send(`${t.symbol.toLowerCase()}@trade`, tradeEvent(t));
      }
      for (const q of quotes) {
        if (q.venue !== 'binance-spot') continue;
        send(`${q.symbol.toLowerCase()}@bookTicker`, {
          u: Math.floor(q.timeMs),
          s: q.symbol,
          b: q.bid,
          B: q.bidSize,
          a: q.ask,
          A: q.askSize,
        });
      }
    }
  }

  /** Sends a raw frame to every client (fault injection: garbage, serverShutdown). */
  sendRaw(frame: string): void {
    for (const c of this.clients) c.socket.send(frame);
  }

  dropAll(code = 1006): void {
    for (const c of this.clients) {
      if (code === 1006) c.socket.terminate();
      else c.socket.close(code, 'mock drop');
    }
  }

  handleHttp(url: URL, _req: IncomingMessage, res: ServerResponse): boolean {
    if (!url.pathname.startsWith('/api/v3/')) return false;
    if (this.faults.restStatus !== null) {
      sendJson(res, this.faults.restStatus, { code: 0, msg: 'Service unavailable from a restricted location.' });
      return true;
    }
    const q = url.searchParams;
    switch (url.pathname) {
      case '/api/v3/exchangeInfo': {
        const wanted: string[] = q.has('symbols') ? JSON.parse(q.get('symbols') as string) : [...this.symbols];
        const unknown = wanted.find((s) => !this.symbols.includes(s));
        if (unknown !== undefined) sendJson(res, 400, { code: -1121, msg: 'Invalid symbol.' });
        else sendJson(res, 200, { timezone: 'UTC', serverTime: Date.now(), symbols: wanted.map(symbolInfo) });
        return true;
      }
      case '/api/v3/historicalTrades': {
        const symbol = q.get('symbol') ?? '';
        const limit = Math.min(1000, Number(q.get('limit') ?? 500));
        const fromId = q.has('fromId') ? Number(q.get('fromId')) : Math.max(0, this.tape.maxId(symbol) - limit + 1);
        sendJson(
          res,
          200,
          this.tape.fromId(symbol, fromId, limit).map((t) => ({
            id: t.id,
            price: t.price,
            qty: t.size,
            quoteQty: (Number(t.price) * Number(t.size)).toString(),
            time: t.timeMs,
            isBuyerMaker: t.side === 'sell',
            isBestMatch: true,
          })),
        );
        return true;
      }
      case '/api/v3/aggTrades': {
        const symbol = q.get('symbol') ?? '';
        const limit = Math.min(1000, Number(q.get('limit') ?? 500));
        // One aggregate per trade keeps agg ids equal to trade ids on the mock; documented shape.
        const fromId = Number(q.get('fromId') ?? 0);
        sendJson(
          res,
          200,
          this.tape.fromId(symbol, fromId, limit).map((t) => ({
            a: t.id,
            p: t.price,
            q: t.size,
            f: t.id,
            l: t.id,
            T: t.timeMs,
            m: t.side === 'sell',
            M: true,
          })),
        );
        return true;
      }
      default:
        sendJson(res, 404, { code: -1, msg: 'Not found' });
        return true;
    }
  }
}

function tradeEvent(t: EmittedTrade) {
  return {
    e: 'trade',
    E: t.timeMs + 1,
    s: t.symbol,
    t: t.id,
    p: t.price,
    q: t.size,
    T: t.timeMs,
    m: t.side === 'sell',
    M: true,
  };
}

function symbolInfo(symbol: string) {
  return {
    symbol,
    status: 'TRADING',
    baseAsset: symbol.replace(/USDT$/, ''),
    quoteAsset: 'USDT',
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: '0.01000000', maxPrice: '1000000.00000000', tickSize: '0.01000000' },
    ],
  };
}
