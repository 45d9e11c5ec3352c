import type { ServerResponse } from 'node:http';
import type { WebSocket } from 'ws';
import type { Quote } from '../../../src/core/exchange/types';
import type { EmittedTrade, Tape } from '../tape';
import { under, VenueMockBase, type ClientBase, type Faults, type MockOptions } from '../venue';
import { limitOf } from './binance-common';

const WS_PATH = '/okx/ws/v5/public';
const REST_PREFIX = '/okx/api/v5';
const CHANNELS = ['trades', 'bbo-tbt'];

interface OkxClient extends ClientBase {
  /** `channel:instId` keys. */
  readonly subs: Set<string>;
}

interface OkxInstrument {
  readonly instId: string;
  readonly instType: 'SPOT' | 'SWAP';
  readonly ctVal: string;
}

/**
 * OKX v5 public websocket (okx.com/docs-v5; ccxt `pro/okx.ts`) at `/okx/ws/v5/public`:
 * `{"op":"subscribe","args":[{channel,instId}]}` with one `{"event":"subscribe","arg","connId"}`
 * per arg or `{"event":"error","code":"60018","msg":"Wrong URL or channel:…,instId:… doesn't
 * exist…"}`; the text `ping` → text `pong`; `trades` pushes (every item `count:"1"`, ids
 * consecutive per instId), `bbo-tbt` with `[px, sz, "0", orders]` levels; the notice 64008 before
 * a service upgrade; and the socket is closed after 30 s without traffic. Candle channels live on
 * `/business` and fail here. REST `/okx/api/v5/market/history-trades?type=1&after=` (ids < after,
 * newest first, ≤ 100), `/market/trades`, `/public/instruments?instType=`.
 */
export class OkxMock extends VenueMockBase<OkxClient> {
  readonly name = 'okx' as const;
  private seqId = 9_000_000;

  constructor(
    tape: Tape,
    faults: Faults,
    options: MockOptions,
    readonly instruments: readonly OkxInstrument[] = [
      { instId: 'BTC-USDT', instType: 'SPOT', ctVal: '' },
      { instId: 'ETH-USDT', instType: 'SPOT', ctVal: '' },
      { instId: 'SOL-USDT', instType: 'SPOT', ctVal: '' },
      { instId: 'BTC-USDT-SWAP', instType: 'SWAP', ctVal: '0.01' },
      { instId: 'ETH-USDT-SWAP', instType: 'SWAP', ctVal: '0.1' },
    ],
  ) {
    super(tape, faults, options);
    const idle = options.okxIdleMs;
    this.every(Math.max(50, Math.min(1000, idle / 4)), (now) => {
      for (const c of this.clients) if (now - Math.max(c.lastInMs, c.lastOutMs) > idle) c.socket.terminate();
    });
  }

  get symbols(): string[] {
    return this.instruments.map((i) => i.instId);
  }

  acceptsWs(url: URL): boolean {
    return url.pathname === WS_PATH;
  }

  protected createClient(socket: WebSocket, url: URL, connId: string): OkxClient {
    const now = Date.now();
    return { socket, url, connId: connId.replace('okx-', 'a4d3ae5'), lastInMs: now, lastOutMs: now, subs: new Set() };
  }

  protected override reconnectNotice(): string {
    return JSON.stringify({
      event: 'notice',
      code: '64008',
      msg: 'The connection will soon be closed for a service upgrade. Please reconnect.',
      connId: 'a4d3ae55',
    });
  }

  protected onMessage(client: OkxClient, text: string): void {
    if (text === 'ping') return this.send(client, 'pong');
    const error = (code: string, msg: string) =>
      this.sendJson(client, { event: 'error', code, msg, connId: client.connId });
    let msg: { op?: unknown; args?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return error('60012', `Invalid request: ${text}`);
    }
    const op = msg.op;
    if (op !== 'subscribe' && op !== 'unsubscribe') return error('60012', `Invalid request: ${text}`);
    if (!Array.isArray(msg.args) || msg.args.length === 0) return error('60012', `Invalid request: ${text}`);
    for (const a of msg.args as unknown[]) {
      const arg = (typeof a === 'object' && a !== null ? a : {}) as { channel?: unknown; instId?: unknown };
      const channel = typeof arg.channel === 'string' ? arg.channel : '';
      const instId = typeof arg.instId === 'string' ? arg.instId : '';
      if (op === 'subscribe' && (!CHANNELS.includes(channel) || this.refused(instId, this.symbols))) {
        error(
          '60018',
          `Wrong URL or channel:${channel},instId:${instId} doesn't exist. Please use the correct URL, channel and parameters referring to API document.`,
        );
        continue;
      }
      const key = `${channel}:${instId}`;
      if (op === 'subscribe') client.subs.add(key);
      else client.subs.delete(key);
      this.sendJson(client, { event: op, arg: { channel, instId }, connId: client.connId });
    }
  }

  protected broadcast(trades: readonly EmittedTrade[], quotes: readonly Quote[]): void {
    const bySymbol = new Map<string, EmittedTrade[]>();
    for (const t of trades) {
      let list = bySymbol.get(t.symbol);
      if (list === undefined) bySymbol.set(t.symbol, (list = []));
      list.push(t);
    }
    for (const [instId, list] of bySymbol) {
      const frame = JSON.stringify({
        arg: { channel: 'trades', instId },
        data: list.map((t) => ({
          instId,
          tradeId: String(t.id),
          px: t.price,
          sz: t.size,
          side: t.side,
          ts: String(t.timeMs),
          count: '1',
        })),
      });
      for (const c of this.clients) if (c.subs.has(`trades:${instId}`)) this.sendData(c, frame);
    }
    for (const q of quotes) {
      const frame = JSON.stringify({
        arg: { channel: 'bbo-tbt', instId: q.symbol },
        data: [
          {
            asks: [[q.ask, q.askSize, '0', '3']],
            bids: [[q.bid, q.bidSize, '0', '2']],
            ts: String(q.timeMs),
            seqId: ++this.seqId,
          },
        ],
      });
      for (const c of this.clients) if (c.subs.has(`bbo-tbt:${q.symbol}`)) this.sendData(c, frame);
    }
  }

  protected ownsHttp(url: URL): boolean {
    return under(REST_PREFIX, url.pathname) !== null;
  }

  protected restError(res: ServerResponse, status: number): void {
    const [code, msg] =
      status === 429
        ? ['50011', 'Too Many Requests']
        : status === 451 || status === 403
          ? ['51155', 'Due to local compliance requirements, you are not able to use this service.']
          : ['50001', 'Service temporarily unavailable, please try again later.'];
    this.json(res, status, { code, msg, data: [] });
  }

  protected serveHttp(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    const ok = (data: unknown[]) => this.json(res, 200, { code: '0', msg: '', data });
    switch (under(REST_PREFIX, url.pathname)) {
      case '/public/instruments': {
        const type = q.get('instType');
        if (type === null)
          return this.json(res, 400, { code: '50014', msg: 'Parameter instType can not be empty', data: [] });
        return ok(
          this.instruments
            .filter((i) => i.instType === type)
            .map((i) => {
              const [base, quote] = i.instId.split('-');
              return {
                instType: i.instType,
                instId: i.instId,
                uly: i.instType === 'SWAP' ? `${base}-${quote}` : '',
                baseCcy: i.instType === 'SPOT' ? base : '',
                quoteCcy: i.instType === 'SPOT' ? quote : '',
                settleCcy: i.instType === 'SWAP' ? quote : '',
                ctVal: i.ctVal,
                ctValCcy: i.instType === 'SWAP' ? base : '',
                ctType: i.instType === 'SWAP' ? 'linear' : '',
                tickSz: '0.1',
                lotSz: i.instType === 'SWAP' ? '1' : '0.00000001',
                minSz: i.instType === 'SWAP' ? '1' : '0.00001',
                state: 'live',
              };
            }),
        );
      }
      case '/market/trades':
      case '/market/history-trades': {
        const instId = q.get('instId') ?? '';
        if (!this.symbols.includes(instId)) {
          return this.json(res, 200, { code: '51001', msg: "Instrument ID doesn't exist.", data: [] });
        }
        const history = url.pathname.endsWith('history-trades');
        const limit = limitOf(q, 100, history ? 100 : 500);
        const all = this.tape.trades(this.name, instId);
        // type=1 pages by tradeId (default), type=2 by ts.
        const key = history && q.get('type') === '2' ? (t: EmittedTrade) => t.timeMs : (t: EmittedTrade) => t.id;
        let page: EmittedTrade[];
        if (history && q.has('after')) page = all.filter((t) => key(t) < Number(q.get('after'))).slice(-limit);
        else if (history && q.has('before')) page = all.filter((t) => key(t) > Number(q.get('before'))).slice(0, limit);
        else page = all.slice(-limit);
        return ok(
          page.reverse().map((t) => ({
            instId,
            side: t.side,
            sz: t.size,
            px: t.price,
            source: '0',
            tradeId: String(t.id),
            ts: String(t.timeMs),
          })),
        );
      }
      default:
        return this.json(res, 404, { code: '404', msg: 'Not Found', data: [] });
    }
  }
}
