import { describe, expect, it } from 'vitest';
import type { VenueProfile } from '../exchange/adapter';
import { VENUE_PROFILES } from '../exchange/registry';
import {
  T0,
  harness,
  iso,
  binanceTrade,
  coinbaseMatch,
  krakenTrade,
  MOCK,
  type Route,
} from '../../../test/support/feed-harness';

describe('VenueSession through the feed controller', () => {
  it('plans one socket per venue endpoint and routes each socket to its own parser', async () => {
    const h = harness({
      instruments: [
        'binance-spot:BTCUSDT',
        'coinbase:BTC-USD',
        'kraken:BTC/USD',
        'binance-usdm:BTCUSDT',
        'demo:BTCUSDT',
        'binance-spot:BTCUSDT',
      ],
      endpoints: MOCK,
    });
    await h.controller.start();
    expect(h.sockets.map((s) => s.url)).toEqual([
      'ws://mock/binance-spot/stream?streams=btcusdt@trade/btcusdt@bookTicker',
      'ws://mock/coinbase',
      'ws://mock/kraken/v2',
      'ws://mock/binance-usdm/market/stream?streams=btcusdt@aggTrade',
      'ws://mock/binance-usdm/public/stream?streams=btcusdt@bookTicker',
    ]);
    const ids = h.controller.health().connections.map((c) => c.id);
    expect(ids).toEqual(['binance-spot', 'coinbase', 'kraken', 'binance-usdm-market', 'binance-usdm-public']);
    for (const s of h.sockets) s.open();
    // Coinbase and Kraken subscribe by message; Binance's streams ride on the URL.
    expect(h.latest('ws://mock/coinbase').sent[0]).toContain('"type":"subscribe"');
    await h.clock.advance(1_000);
    expect(h.latest('ws://mock/kraken').sent.map((m) => JSON.parse(m).params.channel)).toEqual(['trade', 'ticker']);
    expect(h.latest('ws://mock/binance-spot').sent).toEqual([]);

    const now = h.clock.now();
    h.latest('ws://mock/binance-spot').message(binanceTrade(1, now));
    h.latest('ws://mock/coinbase').message(coinbaseMatch(10, now));
    h.latest('ws://mock/kraken').message(krakenTrade(5, now));
    h.latest('ws://mock/binance-usdm/market').message({
      stream: 'btcusdt@aggTrade',
      data: { e: 'aggTrade', E: now, s: 'BTCUSDT', a: 7, p: '16578.50', q: '0.001', f: 100, l: 105, T: now, m: true },
    });
    await h.clock.advance(1_100);
    const bars = h.batches.flatMap((b) => b.updates).filter((u) => u.candle.timeframe === '1m');
    expect(new Set(bars.map((u) => `${u.candle.venue}:${u.candle.symbol}`))).toEqual(
      new Set(['binance-spot:BTCUSDT', 'coinbase:BTC-USD', 'kraken:BTC/USD', 'binance-usdm:BTCUSDT']),
    );
    const health = h.controller.health();
    expect(health.source).toBe('live');
    expect(health.connections.map((c) => c.state.kind)).toEqual(['live', 'live', 'live', 'live', 'live']);
    expect(health.trades).toBe(4);
    expect(health.venues.map((v) => v.venue)).toEqual(['binance-spot', 'coinbase', 'kraken', 'binance-usdm']);
    await h.controller.stop();
  });

  it('treats a silent socket as stale and reconnects (the retired Binance USD-M URL case)', async () => {
    const h = harness({ instruments: ['binance-usdm:BTCUSDT'], endpoints: MOCK });
    await h.controller.start();
    for (const s of h.sockets) s.open();
    // /public gets book tickers (budget 30 s); /market, on the retired URL, stays silent.
    for (let t = 0; t < 59; t++) {
      h.latest('ws://mock/binance-usdm/public').message({
        stream: 'btcusdt@bookTicker',
        data: {
          e: 'bookTicker',
          u: 400900217 + t,
          E: h.clock.now(),
          T: h.clock.now(),
          s: 'BTCUSDT',
          b: '16578.40',
          B: '31.210',
          a: '16578.50',
          A: '40.660',
        },
      });
      await h.clock.advance(1_000);
    }
    expect(h.state('binance-usdm-market').kind).toBe('live');
    const seen: string[] = [];
    for (let t = 0; t < 3; t++) {
      await h.clock.advance(1_000);
      seen.push(h.state('binance-usdm-market').kind);
    }
    // Silent for its 60 s trade budget: dropped and scheduled for a reconnect.
    expect(seen).toContain('reconnecting');
    expect(h.socketsFor('ws://mock/binance-usdm/market')[0]!.closed).toBe(true);
    expect(h.state('binance-usdm-public').kind).toBe('live');
    await h.clock.advance(1_000);
    expect(h.socketsFor('ws://mock/binance-usdm/market')).toHaveLength(2);
    expect(h.controller.health().connections.find((c) => c.id === 'binance-usdm-market')!.reconnects).toBe(1);
    await h.controller.stop();
  });

  it('sends each venue its app-level ping on schedule', async () => {
    const h = harness({ instruments: ['okx:BTC-USDT', 'bybit-spot:BTCUSDT', 'kraken:BTC/USD'], endpoints: MOCK });
    await h.controller.start();
    for (const s of h.sockets) s.open();
    const pings = (prefix: string, text: string) => h.latest(prefix).sent.filter((m) => m === text).length;
    for (let second = 1; second <= 60; second++) {
      await h.clock.advance(1_000);
      // Venues answer pings and send heartbeats, so nothing goes stale.
      h.latest('ws://mock/okx').message('pong');
      h.latest('ws://mock/bybit').message({ success: true, ret_msg: 'pong', conn_id: 'x', op: 'ping' });
      h.latest('ws://mock/kraken').message({ channel: 'heartbeat' });
      if (second === 19) expect(pings('ws://mock/okx', 'ping')).toBe(0);
      if (second === 20) {
        expect(pings('ws://mock/okx', 'ping')).toBe(1);
        expect(pings('ws://mock/bybit', '{"req_id":"ping","op":"ping"}')).toBe(1);
      }
    }
    expect(pings('ws://mock/okx', 'ping')).toBe(3);
    expect(pings('ws://mock/bybit', '{"req_id":"ping","op":"ping"}')).toBe(3);
    expect(pings('ws://mock/kraken', '{"method":"ping","req_id":9000}')).toBe(2);
    expect(h.sockets).toHaveLength(3);
    expect(h.controller.health().connections.every((c) => c.state.kind === 'live')).toBe(true);
    await h.controller.stop();
  });

  it('reconnects at once on a venue reconnect notice, on online and on visible', async () => {
    const h = harness({ instruments: ['binance-spot:BTCUSDT', 'okx:BTC-USDT'], endpoints: MOCK });
    await h.controller.start();
    for (const s of h.sockets) s.open();
    h.latest('ws://mock/binance-spot').message({ e: 'serverShutdown', E: h.clock.now() });
    expect(h.socketsFor('ws://mock/binance-spot')).toHaveLength(2);
    expect(h.socketsFor('ws://mock/binance-spot')[0]!.closed).toBe(true);
    h.latest('ws://mock/okx').message({
      event: 'notice',
      code: '64008',
      msg: 'The connection will soon be closed for a service upgrade. Please reconnect.',
      connId: 'a4d3ae55',
    });
    expect(h.socketsFor('ws://mock/okx')).toHaveLength(2);
    h.controller.network('offline');
    expect(h.controller.health().connections.map((c) => c.state.kind)).toEqual(['offline', 'offline']);
    h.controller.network('online');
    expect(h.sockets).toHaveLength(6);
    await h.controller.stop();
  });

  it('backs off with full jitter and resets the backoff after a stable period', async () => {
    const h = harness({ instruments: ['coinbase:BTC-USD'], endpoints: MOCK }, { random: () => 0.5 });
    await h.controller.start();
    const delays: number[] = [];
    const fail = async () => {
      h.latest('ws://mock/coinbase').drop();
      const s = h.state('coinbase');
      if (s.kind !== 'reconnecting') throw new Error(s.kind);
      delays.push(s.nextAttemptAtMs - h.clock.now());
      await h.clock.advance(s.nextAttemptAtMs - h.clock.now());
    };
    // Handshakes fail: delay = random · min(cap, 500 · 2^attempt), here half of each ceiling.
    await fail();
    await fail();
    await fail();
    expect(delays).toEqual([250, 500, 1_000]);
    // Open, but drop again within the stable period: the backoff keeps growing.
    h.latest('ws://mock/coinbase').open();
    for (let i = 0; i < 10; i++) {
      await h.clock.advance(1_000);
      h.latest('ws://mock/coinbase').message({
        type: 'heartbeat',
        sequence: i,
        product_id: 'BTC-USD',
        time: iso(h.clock.now()),
      });
    }
    await fail();
    expect(delays[3]).toBe(2_000);
    // Live and talking for a minute: the next failure starts from the base again.
    h.latest('ws://mock/coinbase').open();
    for (let i = 0; i < 62; i++) {
      await h.clock.advance(1_000);
      h.latest('ws://mock/coinbase').message({
        type: 'heartbeat',
        sequence: 2 + i,
        product_id: 'BTC-USD',
        time: iso(h.clock.now()),
      });
    }
    await fail();
    expect(delays[4]).toBe(250);
    await h.controller.stop();
  });

  it('puts a token venue in the rejected state and stops retrying', async () => {
    // No token at all: nothing is opened.
    const none = harness({ instruments: ['finnhub:AAPL'], endpoints: MOCK });
    await none.controller.start();
    expect(none.sockets).toHaveLength(0);
    const s0 = none.state('finnhub');
    expect(s0.kind).toBe('rejected');
    expect(s0.kind === 'rejected' && s0.detail).toMatch(/needs an API token/);
    await none.controller.stop();

    // The token is refused in-band: stop, say so, and never reconnect.
    // The mock is not Finnhub's own host: without the opt-in for its origin the token stays home.
    const withheld = harness({ instruments: ['finnhub:AAPL'], endpoints: MOCK, finnhubToken: 's3cret' });
    await withheld.controller.start();
    expect(withheld.latest('ws://mock/finnhub').url).toBe('ws://mock/finnhub');
    for (let i = 0; i < 3; i++) {
      withheld.latest('ws://mock/finnhub').drop();
      await withheld.clock.advance(5_000);
    }
    const w = withheld.state('finnhub');
    expect(w.kind === 'rejected' && w.detail).toMatch(/sent only to Finnhub's own server unless you allow ws:\/\/mock/);
    await withheld.controller.stop();
    const optedIn = { finnhubToken: 's3cret', finnhubTokenOrigin: 'ws://mock' };
    const h = harness({ instruments: ['finnhub:AAPL', 'coinbase:BTC-USD'], endpoints: MOCK, ...optedIn });
    await h.controller.start();
    expect(h.latest('ws://mock/finnhub').url).toBe('ws://mock/finnhub?token=s3cret');
    const health = h.controller.health().connections.find((c) => c.id === 'finnhub')!;
    expect(health.endpoint).toBe('ws://mock/finnhub?token=***');
    expect(JSON.stringify(h.controller.health())).not.toContain('s3cret');
    for (const s of h.sockets) s.open();
    h.latest('ws://mock/finnhub').message({ type: 'error', msg: 'Invalid API key' });
    expect(h.state('finnhub').kind).toBe('rejected');
    expect(h.latest('ws://mock/finnhub').closed).toBe(true);
    await h.clock.advance(120_000);
    expect(h.socketsFor('ws://mock/finnhub')).toHaveLength(1);
    expect(h.state('finnhub').kind).toBe('rejected');
    expect(h.state('coinbase').kind).not.toBe('rejected');
    await h.controller.stop();

    // A refused handshake (HTTP 401 is a bare close to a page): three in a row mean the token.
    const bad = harness({
      instruments: ['finnhub:AAPL'],
      endpoints: MOCK,
      finnhubToken: 'wrong',
      finnhubTokenOrigin: 'ws://mock',
    });
    await bad.controller.start();
    for (let i = 0; i < 3; i++) {
      bad.latest('ws://mock/finnhub').drop();
      await bad.clock.advance(5_000);
    }
    const s = bad.state('finnhub');
    expect(s.kind).toBe('rejected');
    expect(s.kind === 'rejected' && s.detail).toMatch(/check the API token/);
    const opened = bad.sockets.length;
    await bad.clock.advance(120_000);
    expect(bad.sockets).toHaveLength(opened);
    await bad.controller.stop();
  });

  it('marks a refused symbol and keeps the rest of the venue running', async () => {
    const h = harness({ instruments: ['coinbase:BTC-USD', 'coinbase:BTC-XYZ'], endpoints: MOCK });
    await h.controller.start();
    h.latest('ws://mock/coinbase').open();
    h.latest('ws://mock/coinbase').message({
      type: 'error',
      message: 'Failed to subscribe',
      reason: 'BTC-XYZ is not a valid product',
    });
    const health = h.controller.health();
    expect(health.venues[0]!.rejectedSymbols).toEqual({
      'BTC-XYZ': 'Failed to subscribe: BTC-XYZ is not a valid product',
    });
    expect(health.rejects['venue-error']).toBe(1);
    expect(h.state('coinbase').kind).toBe('live');
    await h.controller.stop();
  });

  it('fills an id gap from the venue REST, page by page', async () => {
    const route: Route = (url) => {
      if (url.includes('fromId=1&limit=1')) return { status: 200, body: '[]' }; // probe
      const from = Number(/fromId=(\d+)/.exec(url)?.[1]);
      const rows = [2, 3, 4, 5]
        .filter((id) => id >= from)
        .slice(0, 2)
        .map((id) => ({
          id,
          price: '100.5',
          qty: '1',
          quoteQty: '100.5',
          time: T0 + id,
          isBuyerMaker: false,
          isBestMatch: true,
        }));
      return { status: 200, body: JSON.stringify(rows) };
    };
    const h = harness({ instruments: ['binance-spot:BTCUSDT'], endpoints: MOCK }, { route });
    await h.controller.start();
    h.latest('ws://mock/binance-spot').open();
    h.latest('ws://mock/binance-spot').message(binanceTrade(1, T0 + 1));
    h.latest('ws://mock/binance-spot').message(binanceTrade(5, T0 + 5));
    await h.clock.advance(2_000);
    expect(h.fetched).toEqual([
      'http://mock/binance-spot/api/v3/historicalTrades?symbol=BTCUSDT&fromId=1&limit=1',
      'http://mock/binance-spot/api/v3/historicalTrades?symbol=BTCUSDT&fromId=2&limit=1000',
      'http://mock/binance-spot/api/v3/historicalTrades?symbol=BTCUSDT&fromId=4&limit=1000',
    ]);
    expect(h.store.gaps.map((g) => [g.gap.fromId, g.gap.toId, g.state])).toEqual([
      [2, 4, 'pending'],
      [2, 4, 'backfilled'],
    ]);
    const health = h.controller.health();
    expect([health.gapsFound, health.gapsBackfilled, health.gapsUnfillable]).toEqual([1, 1, 0]);
    expect(health.venues[0]).toMatchObject({ gapsFound: 1, gapsBackfilled: 1, backfill: 'ok' });
    expect(h.store.trades.map((t) => t.id)).toEqual([1, 5, 2, 3, 4]);
    await h.controller.stop();
  });

  it('opens a gap from a Coinbase heartbeat and records it unfillable where the browser may not read the REST', async () => {
    const route: Route = () => {
      throw new TypeError('Failed to fetch');
    };
    const cache = new Map<string, unknown>();
    const h = harness({ instruments: ['coinbase:BTC-USD'], endpoints: MOCK }, { route, cache });
    await h.controller.start();
    h.latest('ws://mock/coinbase').open();
    h.latest('ws://mock/coinbase').message(coinbaseMatch(10, T0));
    h.latest('ws://mock/coinbase').message({
      type: 'heartbeat',
      sequence: 90,
      last_trade_id: 13,
      product_id: 'BTC-USD',
      time: iso(T0 + 500),
    });
    await h.clock.advance(1_000);
    expect(h.store.gaps.map((g) => [g.gap.venue, g.gap.symbol, g.gap.fromId, g.gap.toId, g.state])).toEqual([
      ['coinbase', 'BTC-USD', 11, 13, 'pending'],
      ['coinbase', 'BTC-USD', 11, 13, 'unfillable'],
    ]);
    expect(h.store.gaps[1]!.gap.fromTimeMs).toBe(T0);
    expect(h.controller.health().venues[0]).toMatchObject({ backfill: 'refused', gapsUnfillable: 1 });
    expect(cache.get('rest-probe:coinbase')).toMatchObject({ base: 'http://mock/coinbase', cors: 'refused' });
    // The socket was open when the fetch failed: that is CORS, asked once.
    expect(h.fetched).toHaveLength(1);
    await h.controller.stop();

    // The next session remembers: no request that cannot work.
    const again = harness({ instruments: ['coinbase:BTC-USD'], endpoints: MOCK }, { route, cache });
    await again.controller.start();
    await again.clock.advance(1_000);
    expect(again.fetched).toHaveLength(0);
    expect(again.controller.health().venues[0]!.backfill).toBe('refused');
    await again.controller.stop();
  });

  it('a probe that fails while offline is not remembered: it asks again once the venue is reachable', async () => {
    let online = false;
    const route: Route = () => {
      if (!online) throw new TypeError('Failed to fetch');
      return { status: 200, body: '[]' };
    };
    const cache = new Map<string, unknown>();
    const h = harness({ instruments: ['coinbase:BTC-USD'], endpoints: MOCK }, { route, cache });
    await h.controller.start();
    await h.clock.advance(1_000);
    expect(h.controller.health().venues[0]!.backfill).toBe('unknown');
    expect(cache.has('rest-probe:coinbase')).toBe(false);
    online = true;
    h.latest('ws://mock/coinbase').open();
    await h.clock.advance(1_000);
    expect(h.fetched).toHaveLength(2);
    expect(h.controller.health().venues[0]!.backfill).toBe('ok');
    expect(cache.get('rest-probe:coinbase')).toMatchObject({ cors: 'ok' });
    await h.controller.stop();
  });

  it('records the gap unfillable at once for a venue without a backfill source', async () => {
    const noBackfill: VenueProfile = { ...VENUE_PROFILES.kraken, backfill: [] };
    const h = harness({ instruments: ['kraken:BTC/USD'], endpoints: MOCK }, { profiles: { kraken: noBackfill } });
    await h.controller.start();
    h.latest('ws://mock/kraken').open();
    h.latest('ws://mock/kraken').message(krakenTrade(100, T0));
    h.latest('ws://mock/kraken').message(krakenTrade(103, T0 + 10));
    await h.clock.advance(1_000);
    const unfillable = h.store.gaps.filter((g) => g.state === 'unfillable').map((g) => g.gap);
    expect(unfillable).toEqual([
      { venue: 'kraken', symbol: 'BTC/USD', fromId: 101, toId: 102, fromTimeMs: T0, toTimeMs: T0 + 10 },
    ]);
    expect(h.controller.health().venues[0]).toMatchObject({ venue: 'kraken', backfill: 'none', gapsUnfillable: 1 });
    // The listing served as the region probe; no trade page was asked for.
    expect(h.fetched).toEqual(['http://mock/kraken/0/public/AssetPairs']);
    await h.controller.stop();
  });

  it('records an outage gap across a reconnect where ids cannot show the hole (Bybit)', async () => {
    const bybitTrade = (timeMs: number) => ({
      topic: 'publicTrade.BTCUSDT',
      type: 'snapshot',
      ts: timeMs,
      data: [{ i: '2290000000061666327', T: timeMs, p: '16578.50', v: '0.001', S: 'Buy', s: 'BTCUSDT', BT: false }],
    });
    const h = harness({ instruments: ['bybit-spot:BTCUSDT'], endpoints: MOCK });
    await h.controller.start();
    h.latest('ws://mock/bybit').open();
    h.latest('ws://mock/bybit').message(bybitTrade(T0 + 100));
    h.latest('ws://mock/bybit').message(bybitTrade(T0 + 200));
    h.latest('ws://mock/bybit').drop();
    await h.clock.advance(1_000);
    h.latest('ws://mock/bybit').open();
    expect(h.store.gaps).toEqual([]); // nothing known lost until trading resumes
    h.latest('ws://mock/bybit').message(bybitTrade(T0 + 1_500));
    h.latest('ws://mock/bybit').message(bybitTrade(T0 + 1_600));
    expect(h.store.gaps).toEqual([
      {
        gap: { venue: 'bybit-spot', symbol: 'BTCUSDT', fromTimeMs: T0 + 200, toTimeMs: T0 + 1_500 },
        state: 'unfillable',
      },
    ]);
    const health = h.controller.health();
    expect([health.gapsFound, health.gapsBackfilled, health.gapsUnfillable]).toEqual([1, 0, 1]);
    expect(health.venues[0]).toMatchObject({ venue: 'bybit-spot', gapsFound: 1, gapsUnfillable: 1 });
    await h.controller.stop();

    // After a reload the hole runs from the newest stored bar to the first new trade.
    const reloaded = harness({ instruments: ['bybit-spot:BTCUSDT'], endpoints: MOCK });
    const stored = h.store.candles.filter((c) => c.timeframe === '1s');
    reloaded.store.loadLatest = async () => stored.slice(-1);
    await reloaded.controller.start();
    reloaded.latest('ws://mock/bybit').open();
    reloaded.latest('ws://mock/bybit').message(bybitTrade(T0 + 9_000));
    expect(reloaded.store.gaps.map((g) => [g.gap.fromTimeMs, g.gap.toTimeMs, g.state])).toEqual([
      [stored.at(-1)!.openTimeMs, T0 + 9_000, 'unfillable'],
    ]);
    await reloaded.controller.stop();
  });

  it('records no outage gap on a reconnect of a venue whose ids show holes (they are backfilled instead)', async () => {
    const h = harness({ instruments: ['binance-spot:BTCUSDT'], endpoints: MOCK });
    await h.controller.start();
    h.latest('ws://mock/binance-spot').open();
    h.latest('ws://mock/binance-spot').message(binanceTrade(1, T0 + 1));
    h.latest('ws://mock/binance-spot').drop();
    await h.clock.advance(1_000);
    h.latest('ws://mock/binance-spot').open();
    h.latest('ws://mock/binance-spot').message(binanceTrade(2, T0 + 900));
    await h.clock.advance(2_000);
    expect(h.store.gaps).toEqual([]);
    await h.controller.stop();
  });

  it('drops a cached quote when the venue resets its book', async () => {
    const h = harness({ instruments: ['bybit-spot:BTCUSDT'], endpoints: MOCK });
    await h.controller.start();
    h.latest('ws://mock/bybit').open();
    h.latest('ws://mock/bybit').message({
      topic: 'orderbook.1.BTCUSDT',
      ts: T0,
      type: 'snapshot',
      data: { s: 'BTCUSDT', b: [['16493.50', '0.006']], a: [['16611.00', '0.029']], u: 1, seq: 7961638724 },
      cts: T0,
    });
    await h.clock.advance(100);
    expect(h.batches.some((b) => b.dropQuotes?.includes('bybit-spot:BTCUSDT'))).toBe(true);
    await h.controller.stop();
  });
});
