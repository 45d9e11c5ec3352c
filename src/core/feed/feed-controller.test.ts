import { describe, expect, it } from 'vitest';
import type { AnalyticsFrame } from '../analytics/analytics-view';
import type { CandleUpdate } from '../candles/candle';
import type { VenueId } from '../exchange/types';
import { harness, krakenTrade, MOCK, type Route } from '../../../test/support/feed-harness';

describe('FeedController', () => {
  it('shows region-blocked for a venue whose REST answers 451, and in auto mode falls back to demo when nothing is left', async () => {
    const route: Route = (url) => ({ status: url.startsWith('http://mock/binance-spot') ? 451 : 200, body: '[]' });
    const h = harness(
      { mode: 'auto', instruments: ['binance-spot:BTCUSDT', 'coinbase:BTC-USD'], endpoints: MOCK },
      { route },
    );
    await h.controller.start();
    for (const s of h.sockets) s.open();
    await h.clock.advance(100);
    const blocked = h.state('binance-spot');
    expect(blocked).toEqual({ kind: 'region-blocked', detail: 'Binance spot answered HTTP 451' });
    expect(h.latest('ws://mock/binance-spot').closed).toBe(true);
    expect(h.state('coinbase').kind).toBe('live');
    expect(h.controller.health().source).toBe('live');
    expect(h.controller.health().venues.map((v) => v.backfill)).toEqual(['blocked', 'ok']);
    await h.controller.stop();

    const only = harness({ mode: 'auto', instruments: ['binance-spot:BTCUSDT'], endpoints: MOCK }, { route });
    await only.controller.start();
    await only.clock.advance(1_000);
    const health = only.controller.health();
    expect(health.source).toBe('demo');
    expect(health.demoReason).toBe('Demo data — Binance spot is not available in this region');
    await only.clock.advance(2_000);
    const demoBars = only.batches.flatMap((b) => b.updates).filter((u) => u.candle.venue === ('demo' as VenueId));
    expect(demoBars.length).toBeGreaterThan(0);
    await only.controller.stop();
  });

  it('in auto mode runs the demo when no venue connects in time, and leaves it when live trades come', async () => {
    const h = harness({ mode: 'auto', instruments: ['kraken:XBT/USD'], endpoints: MOCK, liveTimeoutMs: 5_000 });
    await h.controller.start();
    for (let i = 0; i < 4; i++) {
      h.latest('ws://mock/kraken').drop();
      await h.clock.advance(1_500);
    }
    expect(h.controller.health().source).toBe('demo');
    const demo = h.batches.flatMap((b) => b.updates).map((u) => `${u.candle.venue}:${u.candle.symbol}`);
    expect(new Set(demo)).toEqual(new Set(['demo:BTCUSDT']));
    // Live retries pause under the demo; the next try opens a new socket, and its trades end the demo.
    const sockets = h.socketsFor('ws://mock/kraken').length;
    await h.clock.advance(5 * 60_000);
    expect(h.socketsFor('ws://mock/kraken').length).toBe(sockets + 1);
    h.latest('ws://mock/kraken').open();
    h.latest('ws://mock/kraken').message(krakenTrade(1, h.clock.now()));
    expect(h.controller.health()).toMatchObject({ source: 'live', demoReason: null });
    // The demo market stopped: no more simulated trades (its last bar still closes on the clock).
    const trades = h.controller.health().trades;
    await h.clock.advance(3_000);
    expect(h.controller.health().trades).toBe(trades);
    await h.controller.stop();
  });

  it('opens nothing when stopped while it was still resuming stored history (a quick restart)', async () => {
    const h = harness({ instruments: ['binance-spot:BTCUSDT', 'kraken:BTC/USD'], endpoints: MOCK });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    h.store.loadLatest = () => gate.then(() => []);
    const starting = h.controller.start();
    await h.controller.stop();
    release();
    await starting;
    await h.clock.advance(10_000);
    expect(h.sockets).toEqual([]);
    expect(h.fetched).toEqual([]);
  });

  it('hands every drained batch to the analytics step and sends its frame in the same batch', async () => {
    const seen: CandleUpdate[][] = [];
    let waiting: AnalyticsFrame | null = null;
    const frameFor = (updates: readonly CandleUpdate[]): AnalyticsFrame => ({
      viewId: 7,
      key: 'demo:BTCUSDT',
      timeframe: '1m',
      indicators: [
        { instanceId: 'n', columns: ['n'], reset: false, rows: [{ openTimeMs: 0, values: [updates.length] }] },
      ],
    });
    const analytics = {
      frame(updates: readonly CandleUpdate[]) {
        seen.push([...updates]);
        const out = waiting ?? (updates.length > 0 ? frameFor(updates) : null);
        waiting = null;
        return out;
      },
    };
    const h = harness({ mode: 'demo' }, { analytics });
    await h.controller.start();
    await h.clock.advance(2_000);
    const withBars = h.batches.filter((b) => b.updates.length > 0);
    expect(withBars.length).toBeGreaterThan(0);
    for (const b of withBars) expect(b.analytics?.indicators[0]?.rows[0]?.values).toEqual([b.updates.length]);
    // Every update the page got went through the step, in the same order.
    expect(seen.flat()).toEqual(h.batches.flatMap((b) => b.updates));
    // A rebuilt view waiting without new bars goes out on wake.
    await h.controller.stop();
    const quiet = harness({ mode: 'live', instruments: [] }, { analytics });
    await quiet.controller.start();
    await quiet.clock.advance(1_000);
    const before = quiet.batches.length;
    waiting = { ...frameFor([]), viewId: 8 };
    quiet.controller.wake();
    await quiet.clock.advance(20);
    expect(quiet.batches.slice(before).map((b) => b.analytics?.viewId)).toContain(8);
    await quiet.controller.stop();
  });

  it('in auto mode with the exchanges unreachable stops retrying under the demo: one try every 5 min and on online', async () => {
    const h = harness({ mode: 'auto', instruments: ['kraken:XBT/USD', 'coinbase:BTC-USD'], endpoints: MOCK });
    await h.controller.start();
    // Every handshake fails (the socket closes without opening).
    const failing = () => {
      for (const s of h.sockets) if (!s.closed) s.drop();
    };
    for (let t = 0; t < 6_000; t += 500) {
      failing();
      await h.clock.advance(500);
    }
    expect(h.controller.health()).toMatchObject({ source: 'demo' });
    expect(h.controller.health().demoReason).toMatch(/every 5 min/);
    const before = h.sockets.length;
    for (let t = 0; t < 30 * 60_000; t += 500) {
      failing();
      await h.clock.advance(500);
    }
    // Half an hour: a try every 5 min (plus its 5 s), one socket each (it may retry within its 5 s).
    const tries = h.sockets.length - before;
    expect(tries).toBeGreaterThanOrEqual(5);
    expect(tries).toBeLessThanOrEqual(5 * 3);
    const health = h.controller.health();
    expect(health.connections.map((c) => c.state.kind).sort()).toEqual(['live', 'paused', 'paused']);
    expect(health.connections.find((c) => c.id === 'demo')?.state.kind).toBe('live');
    // Back online: one socket tries at once; when it opens, every venue reconnects.
    const atOnline = h.sockets.length;
    h.controller.network('online');
    expect(h.sockets.length).toBe(atOnline + 1);
    h.latest('ws://mock/').open();
    expect(h.sockets.length).toBe(atOnline + 2);
    await h.controller.stop();
  });
});
