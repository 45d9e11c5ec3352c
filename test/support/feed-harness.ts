/** A feed controller on fake sockets, clock, REST and store, for the feed's unit tests. */
import type { Gap } from '../../src/core/exchange/integrity/gap';
import type { Quote, Trade, VenueId } from '../../src/core/exchange/types';
import type { Candle } from '../../src/core/candles/candle';
import type { TimeframeId } from '../../src/core/candles/timeframe';
import type { ConnectionState } from '../../src/core/feed/connection-state';
import {
  DEFAULT_FEED_CONFIG,
  FeedController,
  type FeedBatch,
  type FeedConfig,
  type FeedDeps,
  type FeedStore,
  type GapState,
} from '../../src/core/feed/feed-controller';
import type { HttpResult } from '../../src/core/feed/http';
import type { SocketLike } from '../../src/core/feed/socket';
import { FakeClock } from './fake-clock';

export const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

export class FakeSocket implements SocketLike {
  readonly sent: string[] = [];
  closed = false;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: (() => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(data);
  }

  close(): void {
    this.closed = true;
  }

  open(): void {
    this.onopen?.();
  }

  message(data: unknown): void {
    this.onmessage?.({ data: typeof data === 'string' ? data : JSON.stringify(data) });
  }

  /** The server or network dropped it (or the handshake failed: close without open). */
  drop(code = 1006): void {
    this.closed = true;
    this.onclose?.({ code, reason: '' });
  }
}

export class MemoryStore implements FeedStore {
  readonly candles: Candle[] = [];
  readonly trades: Trade[] = [];
  readonly quotes: Quote[] = [];
  readonly gaps: { gap: Gap; state: GapState }[] = [];
  written = 0;
  lastError: Error | null = null;
  usage = null;

  /** The newest version of the newest bar per symbol and timeframe, as the Dexie store answers. */
  async loadLatest(venue: VenueId, symbols: readonly string[], timeframes: readonly TimeframeId[]): Promise<Candle[]> {
    const newest = new Map<string, Candle>();
    for (const c of this.candles) {
      if (c.venue !== venue || !symbols.includes(c.symbol) || !timeframes.includes(c.timeframe)) continue;
      const id = `${c.symbol}|${c.timeframe}`;
      const had = newest.get(id);
      if (had === undefined || c.openTimeMs >= had.openTimeMs) newest.set(id, c);
    }
    return [...newest.values()];
  }
  put(candles: readonly Candle[]): void {
    this.candles.push(...candles);
    this.written += candles.length;
  }
  putTrade(trade: Trade): void {
    this.trades.push(trade);
  }
  putQuote(quote: Quote): void {
    this.quotes.push(quote);
  }
  recordGap(gap: Gap, state: GapState): void {
    this.gaps.push({ gap, state });
  }
  async maintain(): Promise<string[]> {
    return [];
  }
  takeNotices(): string[] {
    return [];
  }
  async flush(): Promise<void> {}
}

export type Route = (url: string) => HttpResult | Promise<HttpResult>;

export interface Harness {
  controller: FeedController;
  clock: FakeClock;
  sockets: FakeSocket[];
  store: MemoryStore;
  batches: FeedBatch[];
  fetched: string[];
  cache: Map<string, unknown>;
  /** Sockets opened so far for a URL prefix. */
  socketsFor(prefix: string): FakeSocket[];
  latest(prefix: string): FakeSocket;
  state(id: string): ConnectionState;
}

export function harness(
  config: Partial<FeedConfig>,
  options: {
    route?: Route;
    profiles?: FeedDeps['profiles'];
    cache?: Map<string, unknown>;
    random?: () => number;
    analytics?: FeedDeps['analytics'];
    alerts?: FeedDeps['alerts'];
    store?: MemoryStore;
  } = {},
): Harness {
  const clock = new FakeClock(T0);
  const sockets: FakeSocket[] = [];
  const store = options.store ?? new MemoryStore();
  const batches: FeedBatch[] = [];
  const fetched: string[] = [];
  const cache = options.cache ?? new Map<string, unknown>();
  const route: Route = options.route ?? (() => ({ status: 200, body: '[]' }));
  const controller = new FeedController(
    { ...DEFAULT_FEED_CONFIG, mode: 'live', demoHistoryMs: 120_000, ...config },
    {
      socketFactory: (url) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s;
      },
      clock,
      fetchText: async (url) => {
        fetched.push(url);
        return route(url);
      },
      store,
      push: (batch) => batches.push(batch),
      requestFrame: (callback) => clock.setTimeout(callback, 16),
      cache: {
        read: async (key) => cache.get(key),
        write: async (key, value) => void cache.set(key, value),
      },
      random: options.random ?? (() => 0.5),
      ...(options.profiles !== undefined ? { profiles: options.profiles } : {}),
      ...(options.analytics !== undefined ? { analytics: options.analytics } : {}),
      ...(options.alerts !== undefined ? { alerts: options.alerts } : {}),
    },
  );
  const socketsFor = (prefix: string) => sockets.filter((s) => s.url.startsWith(prefix));
  return {
    controller,
    clock,
    sockets,
    store,
    batches,
    fetched,
    cache,
    socketsFor,
    latest: (prefix) => {
      const list = socketsFor(prefix);
      const last = list[list.length - 1];
      if (last === undefined) throw new Error(`no socket for ${prefix}`);
      return last;
    },
    state: (id) => {
      const c = controller.health().connections.find((h) => h.id === id);
      if (c === undefined) throw new Error(`no connection ${id}`);
      return c.state;
    },
  };
}

export const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '123Z');

export const binanceTrade = (id: number, timeMs: number, price = '100.5') => ({
  stream: 'btcusdt@trade',
  data: { e: 'trade', E: timeMs, s: 'BTCUSDT', t: id, p: price, q: '1', T: timeMs, m: false, M: true },
});

export const coinbaseMatch = (id: number, timeMs: number) => ({
  type: 'match',
  trade_id: id,
  sequence: 50 + id,
  maker_order_id: 'ac928c66-ca53-498f-9c13-a110027a60e8',
  taker_order_id: '132fb6ae-456b-4654-b4e0-d681ac05cea1',
  time: iso(timeMs),
  product_id: 'BTC-USD',
  size: '0.5',
  price: '400.23',
  side: 'sell',
});

export const krakenTrade = (id: number, timeMs: number) => ({
  channel: 'trade',
  type: 'update',
  data: [
    {
      symbol: 'BTC/USD',
      side: 'buy',
      price: 100.1,
      qty: 0.25,
      ord_type: 'market',
      trade_id: id,
      timestamp: iso(timeMs),
    },
  ],
});

export const MOCK = {
  'binance-spot': { ws: 'ws://mock/binance-spot', rest: 'http://mock/binance-spot' },
  'binance-usdm': { ws: 'ws://mock/binance-usdm', rest: 'http://mock/binance-usdm' },
  coinbase: { ws: 'ws://mock/coinbase', rest: 'http://mock/coinbase' },
  kraken: { ws: 'ws://mock/kraken', rest: 'http://mock/kraken' },
  okx: { ws: 'ws://mock/okx', rest: 'http://mock/okx' },
  'bybit-spot': { ws: 'ws://mock/bybit', rest: 'http://mock/bybit' },
  finnhub: { ws: 'ws://mock/finnhub' },
} as const;
