import type { ServerResponse } from 'node:http';
import type { WebSocket } from 'ws';
import type { Quote } from '../../../src/core/exchange/types';
import type { EmittedTrade, Tape } from '../tape';
import { num, under, VenueMockBase, type ClientBase, type Faults, type MockOptions } from '../venue';
import { FinnhubNewsDesk } from './finnhub-news';

const WS_PATH = '/finnhub';
/** Free-tier symbol cap per connection (commonly cited) [unv]. */
const MAX_SYMBOLS = 50;

interface FinnhubClient extends ClientBase {
  readonly symbols: Set<string>;
}

/**
 * Finnhub websocket (Finnhub WS docs) at `/finnhub?token=` (= `wss://ws.finnhub.io?token=`):
 * the handshake is refused with HTTP 401 unless `token` equals `FinnhubMock.token`;
 * `{"type":"subscribe","symbol":"AAPL"}` per symbol with no ack; trades batched across symbols
 * as `{"data":[{"p","s","t","v","c"}],"type":"trade"}` with JSON numbers and no side or id;
 * `{"type":"ping"}` about once a second; errors as `{"type":"error","msg":"…"}` (unknown symbol
 * and the 50-symbol cap; the texts are [unv]). REST under `/finnhub/api/v1` answers the news
 * endpoints (`news`, see finnhub-news.ts), faults, and 404 otherwise.
 */
export class FinnhubMock extends VenueMockBase<FinnhubClient> {
  readonly name = 'finnhub' as const;
  /** The only API key the mock accepts. */
  token = 'mock-token';
  /** Market and company news served under `/finnhub/api/v1/news` and `/company-news`. */
  readonly news = new FinnhubNewsDesk();

  constructor(
    tape: Tape,
    faults: Faults,
    options: MockOptions,
    readonly symbols: readonly string[] = [
      'BINANCE:BTCUSDT',
      'BINANCE:ETHUSDT',
      'BINANCE:SOLUSDT',
      'AAPL',
      'TSLA',
      'OANDA:EUR_USD',
    ],
  ) {
    super(tape, faults, options);
    this.every(options.heartbeatMs, () => {
      for (const c of this.clients) this.sendJson(c, { type: 'ping' });
    });
  }

  acceptsWs(url: URL): boolean {
    return url.pathname === WS_PATH || url.pathname === `${WS_PATH}/`;
  }

  refuseUpgrade(url: URL): number | null {
    return url.searchParams.get('token') === this.token ? null : 401;
  }

  protected createClient(socket: WebSocket, url: URL, connId: string): FinnhubClient {
    const now = Date.now();
    return { socket, url, connId, lastInMs: now, lastOutMs: now, symbols: new Set() };
  }

  protected onMessage(client: FinnhubClient, text: string): void {
    const error = (msg: string) => this.sendJson(client, { type: 'error', msg });
    let msg: { type?: unknown; symbol?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return error('Invalid message format');
    }
    const symbol = typeof msg.symbol === 'string' ? msg.symbol : '';
    if (msg.type === 'unsubscribe') {
      client.symbols.delete(symbol);
      return;
    }
    if (msg.type !== 'subscribe') return error(`Unknown message type ${String(msg.type)}`);
    if (this.refused(symbol, this.symbols)) return error(`Invalid symbol ${symbol}`);
    if (!client.symbols.has(symbol) && client.symbols.size >= MAX_SYMBOLS) {
      return error('Subscribing to too many symbols');
    }
    client.symbols.add(symbol);
  }

  protected broadcast(trades: readonly EmittedTrade[], _quotes: readonly Quote[]): void {
    for (const c of this.clients) {
      const data = trades
        .filter((t) => c.symbols.has(t.symbol))
        .map((t) => ({
          c: t.id % 4 === 0 ? ['1', '12'] : null,
          p: num(t.price),
          s: t.symbol,
          t: t.timeMs,
          v: num(t.size),
        }));
      if (data.length > 0) this.sendData(c, { data, type: 'trade' });
    }
  }

  protected ownsHttp(url: URL): boolean {
    return under('/finnhub/api/v1', url.pathname) !== null;
  }

  protected restError(res: ServerResponse, status: number): void {
    this.json(res, status, { error: 'API limit reached. Please try again later.' });
  }

  protected serveHttp(url: URL, res: ServerResponse): void {
    const answer = this.news.answer(under('/finnhub/api/v1', url.pathname) ?? '', url, this.token);
    if (answer !== null) return this.json(res, answer.status, answer.body);
    this.json(res, 404, { error: 'Not found' });
  }
}
