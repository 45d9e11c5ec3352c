import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { HttpResult } from '../core/feed/http';
import { keyOf } from '../core/instruments/instrument';
import { SHIPPED_INSTRUMENTS } from '../core/instruments/shipped';
import { TapewatchDb } from './db';
import { InstrumentStore, LISTING_REFRESH_MS, LISTING_RETRY_MS, SHIPPED_NOTICE } from './instrument-store';

let dbCounter = 0;
const freshDb = () => new TapewatchDb(`instrument-store-test-${++dbCounter}`);

const coinbaseProducts = JSON.stringify([
  { id: 'BTC-USD', base_currency: 'BTC', quote_currency: 'USD', quote_increment: '0.01000000', status: 'online' },
  { id: 'ETH-USD', base_currency: 'ETH', quote_currency: 'USD', quote_increment: '0.01000000', status: 'online' },
]);

function fakeFetch(answer: (url: string) => HttpResult) {
  const urls: string[] = [];
  return {
    urls,
    fetch: async (url: string) => {
      urls.push(url);
      return answer(url);
    },
  };
}

describe('InstrumentStore', () => {
  it('fetches a listing, caches it, and serves the cache until a week has passed', async () => {
    const db = freshDb();
    let now = 1_000_000;
    const f = fakeFetch(() => ({ status: 200, body: coinbaseProducts }));
    const store = new InstrumentStore(db, f.fetch, {}, () => now);
    const first = await store.load('coinbase');
    expect(first.status).toMatchObject({ source: 'listing', notice: null, updatedMs: now });
    expect(first.instruments.map(keyOf)).toEqual(['coinbase:BTC-USD', 'coinbase:ETH-USD']);
    expect(await db.instruments.where('venue').equals('coinbase').count()).toBe(2);

    now += LISTING_REFRESH_MS - 1;
    const cached = await store.load('coinbase');
    expect(cached.status.source).toBe('cache');
    expect(cached.instruments[0]).toEqual({
      venue: 'coinbase',
      symbol: 'BTC-USD',
      base: 'BTC',
      quote: 'USD',
      kind: 'spot',
      tickSize: '0.01',
    });
    expect(f.urls).toHaveLength(1);

    now += 2;
    expect((await store.load('coinbase')).status.source).toBe('listing');
    expect(f.urls).toEqual([
      'https://api.exchange.coinbase.com/products',
      'https://api.exchange.coinbase.com/products',
    ]);
  });

  it('falls back to the shipped list when the browser is refused, says so, and does not retry for a day', async () => {
    const db = freshDb();
    let now = 5_000_000;
    const f = fakeFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    const store = new InstrumentStore(db, f.fetch, {}, () => now);
    const catalogue = await store.load('bybit-spot');
    expect(catalogue.status).toMatchObject({ source: 'shipped', notice: SHIPPED_NOTICE });
    expect(catalogue.status.error).toMatch(/CORS/);
    expect(catalogue.instruments).toEqual(SHIPPED_INSTRUMENTS['bybit-spot']);
    await store.load('bybit-spot');
    expect(f.urls).toHaveLength(1);
    now += LISTING_RETRY_MS + 1;
    await store.load('bybit-spot');
    expect(f.urls).toHaveLength(2);
    // A forced refresh always asks.
    await store.load('bybit-spot', { force: true });
    expect(f.urls).toHaveLength(3);
  });

  it('keeps serving a stale cache when a refresh fails', async () => {
    const db = freshDb();
    let now = 0;
    let up = true;
    const f = fakeFetch(() => (up ? { status: 200, body: coinbaseProducts } : { status: 503, body: 'down' }));
    const store = new InstrumentStore(db, f.fetch, {}, () => now);
    await store.load('coinbase');
    up = false;
    now += LISTING_REFRESH_MS + 1;
    const stale = await store.load('coinbase');
    expect(stale.status).toMatchObject({ source: 'cache', error: 'HTTP 503', notice: null, updatedMs: 0 });
    expect(stale.instruments).toHaveLength(2);
  });

  it('walks paged listings and uses the user REST base', async () => {
    const db = freshDb();
    const page = (list: unknown[], cursor: string) =>
      JSON.stringify({ retCode: 0, retMsg: 'OK', result: { category: 'linear', list, nextPageCursor: cursor } });
    const row = (symbol: string) => ({
      symbol,
      contractType: 'LinearPerpetual',
      status: 'Trading',
      baseCoin: symbol.replace(/USDT$/, ''),
      quoteCoin: 'USDT',
      priceFilter: { tickSize: '0.10' },
    });
    const f = fakeFetch((url) =>
      url.includes('cursor=')
        ? { status: 200, body: page([row('ETHUSDT')], '') }
        : { status: 200, body: page([row('BTCUSDT')], 'next-1') },
    );
    const store = new InstrumentStore(db, f.fetch, { 'bybit-linear': 'http://proxy/bybit' });
    const catalogue = await store.load('bybit-linear');
    expect(catalogue.instruments.map(keyOf)).toEqual(['bybit-linear:BTCUSDT', 'bybit-linear:ETHUSDT']);
    expect(f.urls).toEqual([
      'http://proxy/bybit/v5/market/instruments-info?category=linear&limit=1000',
      'http://proxy/bybit/v5/market/instruments-info?category=linear&limit=1000&cursor=next-1',
    ]);
  });

  it('serves Finnhub from the shipped list and gives OKX contract values for watched swaps', async () => {
    const db = freshDb();
    const f = fakeFetch((url) => ({
      status: 200,
      body: JSON.stringify({
        code: '0',
        data: url.includes('SWAP')
          ? [
              {
                instType: 'SWAP',
                instId: 'DOGE-USDT-SWAP',
                uly: 'DOGE-USDT',
                ctVal: '1000',
                ctType: 'linear',
                state: 'live',
              },
            ]
          : [{ instType: 'SPOT', instId: 'BTC-USDT', baseCcy: 'BTC', quoteCcy: 'USDT', state: 'live' }],
      }),
    }));
    const store = new InstrumentStore(db, f.fetch);
    const finnhub = await store.load('finnhub');
    expect(finnhub.status).toMatchObject({ source: 'shipped', notice: SHIPPED_NOTICE });
    expect(f.urls).toHaveLength(0);
    // Before any listing: the shipped contract values.
    expect(await store.okxContracts(['okx:BTC-USDT-SWAP', 'okx:DOGE-USDT-SWAP', 'kraken:BTC/USD'])).toEqual({
      'BTC-USDT-SWAP': { ctVal: '0.01' },
    });
    await store.load('okx');
    expect(await store.okxContracts(['okx:BTC-USDT-SWAP', 'okx:DOGE-USDT-SWAP'])).toEqual({
      'BTC-USDT-SWAP': { ctVal: '0.01' },
      'DOGE-USDT-SWAP': { ctVal: '1000' },
    });
  });
});
