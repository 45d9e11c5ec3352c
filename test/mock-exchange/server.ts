import { createServer, STATUS_CODES, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { LiveVenueId } from '../../src/core/exchange/registry';
import { ChannelMocks } from './channels';
import { defaultFaults, type Faults } from './faults';
import { Tape } from './tape';
import { DEFAULT_MOCK_OPTIONS, type MockOptions, type MockVenue } from './venue';
import { BinanceSpotMock } from './venues/binance-spot';
import { BinanceUsdmMock } from './venues/binance-usdm';
import { BitstampMock } from './venues/bitstamp';
import { BybitMock } from './venues/bybit';
import { CoinbaseMock } from './venues/coinbase';
import { FinnhubMock } from './venues/finnhub';
import { KrakenMock } from './venues/kraken';
import { OkxMock } from './venues/okx';

/** The mock of each venue, by venue id. */
export interface VenueMocks {
  'binance-spot': BinanceSpotMock;
  'binance-usdm': BinanceUsdmMock;
  coinbase: CoinbaseMock;
  kraken: KrakenMock;
  'bybit-spot': BybitMock;
  'bybit-linear': BybitMock;
  okx: OkxMock;
  bitstamp: BitstampMock;
  finnhub: FinnhubMock;
}

/**
 * Where to point the app for one venue: `ws` and `rest` are the venue's roots on the mock (what
 * `wss://fstream.binance.com` / `https://fapi.binance.com` are live); `endpoints` are the
 * websocket bases by `VenueEndpoint.name`, ready for `planConnections(profile, sub, endpoints)`.
 */
export interface MockBaseUrls {
  readonly ws: string;
  readonly rest: string;
  readonly endpoints: Readonly<Record<string, string>>;
}

/**
 * A local exchange for tests: one HTTP server whose websocket upgrades and REST routes are
 * answered by venue mocks speaking each venue's real wire protocol, each under its own path
 * prefix (see README.md). Loopback only.
 */
export class MockExchange {
  readonly tape = new Tape();
  /** Global fault defaults; `venue(id).faults` overrides them per venue. */
  readonly faults: Faults = defaultFaults();
  readonly binance: BinanceSpotMock;
  /** Alert channel stand-ins (Telegram, ntfy, a webhook receiver): see channels.ts. */
  readonly channels = new ChannelMocks();
  private readonly mocks: VenueMocks;
  private readonly venues: MockVenue[];
  private readonly server: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  port = 0;

  private constructor(options: MockOptions) {
    const { tape, faults } = this;
    this.binance = new BinanceSpotMock(tape, faults, options);
    this.mocks = {
      'binance-spot': this.binance,
      'binance-usdm': new BinanceUsdmMock(tape, faults, options),
      coinbase: new CoinbaseMock(tape, faults, options),
      kraken: new KrakenMock(tape, faults, options),
      'bybit-spot': new BybitMock('spot', tape, faults, options),
      'bybit-linear': new BybitMock('linear', tape, faults, options),
      okx: new OkxMock(tape, faults, options),
      bitstamp: new BitstampMock(tape, faults, options),
      finnhub: new FinnhubMock(tape, faults, options),
    };
    this.venues = Object.values(this.mocks);
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (this.channels.handleHttp(url, req, res)) return;
      for (const v of this.venues) if (v.handleHttp(url, req, res)) return;
      res.writeHead(404, { 'access-control-allow-origin': '*' }).end();
    });
    this.server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const venue = this.venues.find((v) => v.acceptsWs(url));
      if (venue === undefined) return socket.destroy();
      const refused = venue.refuseUpgrade?.(url) ?? null;
      if (refused !== null) {
        socket.end(
          `HTTP/1.1 ${refused} ${STATUS_CODES[refused] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
        );
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => venue.onConnection(ws, url));
    });
  }

  static async start(port = 0, options: Partial<MockOptions> = {}): Promise<MockExchange> {
    const mock = new MockExchange({ ...DEFAULT_MOCK_OPTIONS, ...options });
    await new Promise<void>((resolve) => mock.server.listen(port, '127.0.0.1', resolve));
    mock.port = (mock.server.address() as AddressInfo).port;
    return mock;
  }

  get wsBase(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get httpBase(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** One venue's mock: its fault overrides (`.faults`), one-shot faults and fault log. */
  venue<V extends LiveVenueId>(id: V): VenueMocks[V] {
    return this.mocks[id];
  }

  /** Bases that make the app's adapters (`url(base, …)`, backfill `url(base, …)`) hit this mock. */
  baseUrls(): Record<LiveVenueId, MockBaseUrls> {
    const ws = this.wsBase;
    const http = this.httpBase;
    const main = (wsRoot: string, rest: string, path = '') => ({
      ws: wsRoot,
      rest,
      endpoints: { main: `${wsRoot}${path}` },
    });
    return {
      'binance-spot': main(`${ws}/binance-spot`, `${http}/binance-spot`),
      'binance-usdm': {
        ws: `${ws}/binance-usdm`,
        rest: `${http}/binance-usdm`,
        endpoints: { market: `${ws}/binance-usdm/market`, public: `${ws}/binance-usdm/public` },
      },
      coinbase: main(`${ws}/coinbase`, `${http}/coinbase`),
      kraken: main(`${ws}/kraken`, `${http}/kraken`, '/v2'),
      'bybit-spot': main(`${ws}/bybit`, `${http}/bybit`, '/v5/public/spot'),
      'bybit-linear': main(`${ws}/bybit`, `${http}/bybit`, '/v5/public/linear'),
      okx: main(`${ws}/okx`, `${http}/okx`, '/ws/v5/public'),
      bitstamp: main(`${ws}/bitstamp`, `${http}/bitstamp/api/v2`),
      finnhub: main(`${ws}/finnhub`, `${http}/finnhub/api/v1`),
    };
  }

  /** App URL query that points the Binance venue at this mock. */
  appQuery(extra: Record<string, string> = {}): string {
    return new URLSearchParams({ 'binance-ws': this.wsBase, 'binance-rest': this.httpBase, ...extra }).toString();
  }

  get connectionsOpened(): number {
    return this.venues.reduce((n, v) => n + v.connectionsOpened, 0);
  }

  async stop(): Promise<void> {
    this.tape.stop();
    for (const v of this.venues) {
      if (v.stop !== undefined) v.stop();
      else v.dropAll(1001);
    }
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
