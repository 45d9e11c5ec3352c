import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/support/fake-clock';
import type { Candle } from '../candles/candle';
import type { RecordedGap } from '../exchange/integrity/gap';
import type { Trade } from '../exchange/types';
import { TOO_LATE } from './backfill-scheduler';
import { DEFAULT_FEED_CONFIG, FeedController, type FeedStore, type GapState } from './feed-controller';
import type { SocketLike } from './socket';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
/** The tab comes back half an hour after its last stored trade: those bars are final. */
const REOPENED = T0 + 30 * 60_000;

/** The bar the closed tab left behind: one trade, id 1. */
const storedBar: Candle = {
  venue: 'binance-spot',
  symbol: 'BTCUSDT',
  timeframe: '1m',
  openTimeMs: T0,
  open: '100',
  high: '100',
  low: '100',
  close: '100',
  volume: '1',
  quoteVolume: '100',
  buyVolume: '1',
  sellVolume: '0',
  trades: 1,
  vwap: 100,
  closed: false,
  lastTradeId: 1,
};

class RecordingStore implements FeedStore {
  readonly candles: Candle[] = [];
  readonly trades: Trade[] = [];
  readonly gaps: [RecordedGap, GapState, string | undefined][] = [];
  written = 0;
  lastError = null;
  usage = null;
  async loadLatest(): Promise<Candle[]> {
    return [storedBar];
  }
  put(candles: readonly Candle[]): void {
    this.candles.push(...candles);
  }
  putTrade(trade: Trade): void {
    this.trades.push(trade);
  }
  putQuote(): void {}
  recordGap(gap: RecordedGap, state: GapState, detail?: string): void {
    this.gaps.push([gap, state, detail]);
  }
  async maintain(): Promise<string[]> {
    return [];
  }
  takeNotices(): string[] {
    return [];
  }
  async flush(): Promise<void> {}
}

class Socket implements SocketLike {
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  send(): void {}
  close(): void {}
}

const wsTrade = (id: number, timeMs: number) =>
  JSON.stringify({
    stream: 'btcusdt@trade',
    data: { e: 'trade', E: timeMs, s: 'BTCUSDT', t: id, p: '101', q: '1', T: timeMs, m: false, M: true },
  });

describe('backfilled trades for bars that are already final', () => {
  it('records the gap unfillable ("too late to apply") and leaves the final bar as stored', async () => {
    const clock = new FakeClock(REOPENED);
    const store = new RecordingStore();
    const sockets: Socket[] = [];
    const controller = new FeedController(
      {
        ...DEFAULT_FEED_CONFIG,
        mode: 'live',
        instruments: ['binance-spot:BTCUSDT'],
        endpoints: { 'binance-spot': { ws: 'ws://mock/binance-spot', rest: 'http://mock/binance-spot' } },
      },
      {
        socketFactory: () => {
          const s = new Socket();
          sockets.push(s);
          return s;
        },
        clock,
        fetchText: async (url) => {
          if (url.includes('limit=1&')) return { status: 200, body: '[]' };
          // Trades 2..4 happened right after the stored one, half an hour ago.
          const rows = [2, 3, 4].map((id) => ({
            id,
            price: '99',
            qty: '1',
            quoteQty: '99',
            time: T0 + id,
            isBuyerMaker: true,
            isBestMatch: true,
          }));
          return { status: 200, body: JSON.stringify(rows) };
        },
        store,
        push: () => undefined,
        requestFrame: (callback) => clock.setTimeout(callback, 16),
        random: () => 0.5,
      },
    );
    await controller.start();
    const socket = sockets[0]!;
    socket.onopen?.();
    socket.onmessage?.({ data: wsTrade(5, REOPENED) });
    await clock.advance(3_000);

    expect(store.gaps.map(([g, state, detail]) => ['fromId' in g ? [g.fromId, g.toId] : null, state, detail])).toEqual([
      [[2, 4], 'pending', undefined],
      [[2, 4], 'unfillable', TOO_LATE],
    ]);
    // None of the refused trades went to the raw-trade store or into any bar.
    expect(store.trades.map((t) => t.id)).toEqual([5]);
    expect(store.candles.length).toBeGreaterThan(0);
    expect(store.candles.filter((c) => c.firstTradeId !== 5)).toEqual([]);
    const health = controller.health();
    expect([health.gapsBackfilled, health.gapsUnfillable, health.tooLate]).toEqual([0, 1, 3]);
    await controller.stop();
  });
});
