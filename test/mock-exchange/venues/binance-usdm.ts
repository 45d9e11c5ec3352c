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

const PREFIX = '/binance-usdm';
/** Underlying trade ids (`f`/`l`) live in another id space than aggregate ids (`a`). */
const UNDERLYING_OFFSET = 700_000_000;

type Tier = 'market' | 'public' | 'retired';

interface UsdmClient extends BinanceClient {
  readonly tier: Tier;
}

/**
 * Binance USDⓈ-M futures after the 2026 split (developers.binance.com "Important WebSocket Change
 * Notice"), under `/binance-usdm` (= `wss://fstream.binance.com`):
 * - `/market/stream?streams=` and `/market/ws/<s>`: `@aggTrade` (no `M` field);
 * - `/public/stream?streams=` and `/public/ws/<s>`: `@bookTicker` with `E` and `T`;
 * - the retired legacy `/ws…` and `/stream` complete the handshake and then send nothing at all;
 * a stream on the wrong tier is accepted and stays silent. SUBSCRIBE & co. as on spot with 10
 * messages/s. REST `/fapi/v1/aggTrades` (fromId inclusive, ascending) and `/fapi/v1/exchangeInfo`.
 */
export class BinanceUsdmMock extends VenueMockBase<UsdmClient> {
  readonly name = 'binance-usdm' as const;

  constructor(
    tape: Tape,
    faults: Faults,
    options: MockOptions,
    readonly symbols: readonly string[] = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'],
  ) {
    super(tape, faults, options);
    // Server ping frames (every 3 min live); the retired paths keep pinging too: the socket looks alive.
    const every = options.pingFrameMs;
    if (every !== null) {
      this.every(every, () => {
        if (!this.effectiveFaults.silent) for (const c of this.clients) c.socket.ping();
      });
    }
  }

  private route(url: URL): { tier: Tier; path: string } | null {
    const rest = under(PREFIX, url.pathname);
    if (rest === null) return null;
    for (const tier of ['market', 'public'] as const) {
      const path = under(`/${tier}`, rest);
      if (path !== null && binanceStreamsOf(path, url) !== null) return { tier, path };
    }
    return binanceStreamsOf(rest, url) !== null ? { tier: 'retired', path: rest } : null;
  }

  acceptsWs(url: URL): boolean {
    return this.route(url) !== null;
  }

  protected createClient(socket: WebSocket, url: URL, connId: string): UsdmClient {
    const route = this.route(url) ?? { tier: 'retired' as const, path: '' };
    return { ...binanceClient(socket, url, connId, route.path), tier: route.tier };
  }

  protected onMessage(client: UsdmClient, text: string): void {
    // The retired bases keep the socket but answer nothing [rep: "no error, no frames"].
    if (client.tier === 'retired') return;
    binanceControl(
      client,
      text,
      10,
      (body) => this.sendJson(client, body),
      (stream) => this.refused(streamSymbol(stream), this.symbols),
    );
  }

  protected override reconnectNotice(): string {
    return JSON.stringify({ e: 'serverShutdown', E: Date.now() });
  }

  protected broadcast(trades: readonly EmittedTrade[], quotes: readonly Quote[]): void {
    for (const client of this.clients) {
      if (client.tier === 'retired') continue;
      const send = (stream: string, data: unknown) => {
        if (client.streams.has(stream)) this.sendData(client, client.combined ? { stream, data } : data);
      };
      if (client.tier === 'market') {
        for (const t of trades) {
          send(`${t.symbol.toLowerCase()}@aggTrade`, {
            e: 'aggTrade',
            E: t.timeMs + 3,
            s: t.symbol,
            ...aggTradeRow(t, UNDERLYING_OFFSET),
          });
        }
      } else {
        for (const q of quotes) {
          send(`${q.symbol.toLowerCase()}@bookTicker`, {
            e: 'bookTicker',
            u: 400_000_000 + Math.floor(q.timeMs % 100_000_000),
            E: q.timeMs + 2,
            T: q.timeMs,
            s: q.symbol,
            b: q.bid,
            B: q.bidSize,
            a: q.ask,
            A: q.askSize,
          });
        }
      }
    }
  }

  private restPath(url: URL): string | null {
    const rest = under(PREFIX, url.pathname);
    return rest !== null && rest.startsWith('/fapi/') ? rest : null;
  }

  protected ownsHttp(url: URL): boolean {
    return this.restPath(url) !== null;
  }

  protected restError(res: ServerResponse, status: number): void {
    binanceRestError((...a) => this.json(...a), res, status);
  }

  protected serveHttp(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    const symbol = (q.get('symbol') ?? '').toUpperCase();
    switch (this.restPath(url)) {
      case '/fapi/v1/exchangeInfo':
        return this.json(res, 200, {
          timezone: 'UTC',
          serverTime: Date.now(),
          rateLimits: [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400 }],
          symbols: this.symbols.map((s) => ({
            symbol: s,
            pair: s,
            contractType: 'PERPETUAL',
            status: 'TRADING',
            baseAsset: s.replace(/USDT$/, ''),
            quoteAsset: 'USDT',
            marginAsset: 'USDT',
            pricePrecision: 2,
            quantityPrecision: 3,
            filters: [{ filterType: 'PRICE_FILTER', minPrice: '0.10', maxPrice: '4529764', tickSize: '0.10' }],
          })),
        });
      case '/fapi/v1/aggTrades': {
        if (!this.symbols.includes(symbol)) return this.json(res, 400, { code: -1121, msg: 'Invalid symbol.' });
        const limit = limitOf(q, 500, 1000);
        const fromId = q.has('fromId')
          ? Number(q.get('fromId'))
          : Math.max(0, this.tape.maxId(symbol, this.name) - limit + 1);
        return this.json(
          res,
          200,
          this.tape.fromId(symbol, fromId, limit, this.name).map((t) => aggTradeRow(t, UNDERLYING_OFFSET)),
        );
      }
      default:
        return this.json(res, 404, { code: -5000, msg: 'Path not found' });
    }
  }
}
