import type { ServerResponse } from 'node:http';
import type { WebSocket } from 'ws';
import type { Quote } from '../../../src/core/exchange/types';
import type { EmittedTrade, Tape } from '../tape';
import { under, VenueMockBase, type Faults, type MockOptions } from '../venue';
import {
  aggTradeRow,
  binanceClient,
  binanceControl,
  binanceRestError,
  binanceStreamsOf,
  limitOf,
  streamSymbol,
  type BinanceClient,
} from './binance-common';

/** The venue prefix; the root (`/stream`, `/ws`, `/api/v3`) is served too, as it always was. */
const PREFIX = '/binance-spot';

/**
 * Binance spot as documented in binance-spot-api-docs: `/stream?streams=a/b` (combined,
 * `{"stream","data"}` wrapper) and `/ws/<stream>` (raw), SUBSCRIBE/UNSUBSCRIBE/LIST_SUBSCRIPTIONS
 * with `{"result":null,"id":N}` replies, a disconnect past 5 inbound messages per second,
 * `@trade`/`@bookTicker` payloads, `serverShutdown`, server ping frames, and REST
 * `historicalTrades`, `aggTrades`, `exchangeInfo`.
 */
export class BinanceSpotMock extends VenueMockBase<BinanceClient> {
  readonly name = 'binance-spot' as const;
  /** `exchangeInfo` PRICE_FILTER tick per symbol; a test may set a finer one than prices use. */
  readonly tickSizes: Record<string, string> = {};

  constructor(
    tape: Tape,
    faults: Faults,
    options: MockOptions,
    readonly symbols: readonly string[] = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'],
  ) {
    super(tape, faults, options);
    const every = options.pingFrameMs;
    if (every !== null) {
      this.every(every, () => {
        if (!this.effectiveFaults.silent) for (const c of this.clients) c.socket.ping();
      });
    }
  }

  private pathOf(url: URL): string {
    return under(PREFIX, url.pathname) ?? url.pathname;
  }

  acceptsWs(url: URL): boolean {
    return binanceStreamsOf(this.pathOf(url), url) !== null;
  }

  protected createClient(socket: WebSocket, url: URL, connId: string): BinanceClient {
    return binanceClient(socket, url, connId, this.pathOf(url));
  }

  protected onMessage(client: BinanceClient, text: string): void {
    binanceControl(
      client,
      text,
      5,
      (body) => this.sendJson(client, body),
      (stream) => this.refused(streamSymbol(stream), this.symbols),
    );
  }

  protected override reconnectNotice(): string {
    return JSON.stringify({ e: 'serverShutdown', E: Date.now() });
  }

  protected broadcast(trades: readonly EmittedTrade[], quotes: readonly Quote[]): void {
    for (const client of this.clients) {
      const send = (stream: string, data: unknown) => {
        if (client.streams.has(stream)) this.sendData(client, client.combined ? { stream, data } : data);
      };
      for (const t of trades) send(`${t.symbol.toLowerCase()}@trade`, tradeEvent(t));
      for (const q of quotes) {
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

  protected ownsHttp(url: URL): boolean {
    return this.pathOf(url).startsWith('/api/v3/');
  }

  protected restError(res: ServerResponse, status: number): void {
    binanceRestError((...a) => this.json(...a), res, status);
  }

  protected serveHttp(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    const symbol = q.get('symbol') ?? '';
    switch (this.pathOf(url)) {
      case '/api/v3/exchangeInfo': {
        const wanted: string[] = q.has('symbols')
          ? (JSON.parse(q.get('symbols') as string) as string[])
          : q.has('symbol')
            ? [symbol]
            : [...this.symbols];
        const unknown = wanted.find((s) => !this.symbols.includes(s));
        if (unknown !== undefined) this.json(res, 400, { code: -1121, msg: 'Invalid symbol.' });
        else
          this.json(res, 200, {
            timezone: 'UTC',
            serverTime: Date.now(),
            symbols: wanted.map((s) => symbolInfo(s, this.tickSizes[s] ?? '0.01000000')),
          });
        return;
      }
      case '/api/v3/historicalTrades': {
        if (!this.symbols.includes(symbol)) return this.json(res, 400, { code: -1121, msg: 'Invalid symbol.' });
        const limit = limitOf(q, 500, 1000);
        const fromId = q.has('fromId')
          ? Number(q.get('fromId'))
          : Math.max(0, this.tape.maxId(symbol, this.name) - limit + 1);
        this.json(
          res,
          200,
          this.tape.fromId(symbol, fromId, limit, this.name).map((t) => ({
            id: t.id,
            price: t.price,
            qty: t.size,
            quoteQty: (Number(t.price) * Number(t.size)).toString(),
            time: t.timeMs,
            isBuyerMaker: t.side === 'sell',
            isBestMatch: true,
          })),
        );
        return;
      }
      case '/api/v3/aggTrades': {
        if (!this.symbols.includes(symbol)) return this.json(res, 400, { code: -1121, msg: 'Invalid symbol.' });
        const limit = limitOf(q, 500, 1000);
        // One aggregate per trade keeps agg ids equal to trade ids on the mock; documented shape.
        const fromId = q.has('fromId')
          ? Number(q.get('fromId'))
          : Math.max(0, this.tape.maxId(symbol, this.name) - limit + 1);
        this.json(
          res,
          200,
          this.tape.fromId(symbol, fromId, limit, this.name).map((t) => ({ ...aggTradeRow(t, 0), M: true })),
        );
        return;
      }
      default:
        this.json(res, 404, { code: -1, msg: 'Not found' });
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

function symbolInfo(symbol: string, tickSize: string) {
  return {
    symbol,
    status: 'TRADING',
    baseAsset: symbol.replace(/USDT$/, ''),
    quoteAsset: 'USDT',
    filters: [{ filterType: 'PRICE_FILTER', minPrice: tickSize, maxPrice: '1000000.00000000', tickSize }],
  };
}
