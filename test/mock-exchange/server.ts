import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { Tape } from './tape';
import type { Faults, MockVenue } from './venue';
import { BinanceSpotMock } from './venues/binance-spot';

/**
 * A local exchange for tests: one HTTP server whose websocket upgrades and REST routes are
 * answered by venue mocks speaking each venue's real wire protocol. Loopback only.
 */
export class MockExchange {
  readonly tape = new Tape();
  readonly faults: Faults = { silent: false, restStatus: null, garbage: [] };
  readonly binance: BinanceSpotMock;
  private readonly venues: MockVenue[];
  private readonly server: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  port = 0;

  private constructor() {
    this.binance = new BinanceSpotMock(this.tape, this.faults);
    this.venues = [this.binance];
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      for (const v of this.venues) if (v.handleHttp(url, req, res)) return;
      res.writeHead(404, { 'access-control-allow-origin': '*' }).end();
    });
    this.server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const venue = this.venues.find((v) => v.acceptsWs(url));
      if (venue === undefined) return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => venue.onConnection(ws, url));
    });
  }

  static async start(port = 0): Promise<MockExchange> {
    const mock = new MockExchange();
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

  /** App URL query that points the Binance venue at this mock. */
  appQuery(extra: Record<string, string> = {}): string {
    return new URLSearchParams({ 'binance-ws': this.wsBase, 'binance-rest': this.httpBase, ...extra }).toString();
  }

  get connectionsOpened(): number {
    return this.venues.reduce((n, v) => n + v.connectionsOpened, 0);
  }

  async stop(): Promise<void> {
    this.tape.stop();
    for (const v of this.venues) v.dropAll(1001);
    this.wss.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
