import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planConnections } from '../adapter';
import { CollectingSink } from '../collecting-sink';
import type { Gap } from '../integrity/gap';
import { TradeIntegrity } from '../integrity/trade-integrity';
import { binanceUsdmProfile } from './adapter';
import { binanceUsdmAggTrades } from './backfill';
import { parseBinanceUsdmFrame } from './parser';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../test/fixtures/wire/binance-usdm/${name}.ndjson`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);

describe('binance-usdm parser', () => {
  const sink = new CollectingSink().feed(parseBinanceUsdmFrame, fixture('feed'), 42);

  it('reads aggTrades (id a, m ⇒ sell) from combined and raw frames', () => {
    expect(sink.trades).toEqual([
      {
        venue: 'binance-usdm',
        symbol: 'BTCUSDT',
        id: 5933014,
        timeMs: 1672515782136,
        price: '16578.50',
        size: '0.001',
        side: 'sell',
      },
      {
        venue: 'binance-usdm',
        symbol: 'BTCUSDT',
        id: 5933015,
        timeMs: 1672515782236,
        price: '16578.60',
        size: '0.250',
        side: 'buy',
      },
      {
        venue: 'binance-usdm',
        symbol: 'BTCUSDT',
        id: 5933017,
        timeMs: 1672515782436,
        price: '16578.70',
        size: '0.004',
        side: 'sell',
      },
    ]);
  });

  it('excludes insurance-fund/ADL fills (X other than MARKET)', () => {
    expect(sink.rejects.filter((r) => r.reason === 'excluded')).toEqual([
      { reason: 'excluded', detail: 'aggTrade BTCUSDT 5933016 X=INSURANCE_FUND' },
    ]);
    const market = new CollectingSink().feed(parseBinanceUsdmFrame, [
      '{"e":"trade","E":1672515782137,"T":1672515782136,"s":"BTCUSDT","t":12345,"p":"0.001","q":"100","X":"MARKET","m":true}',
      '{"e":"trade","E":1672515782137,"T":1672515782136,"s":"BTCUSDT","t":12346,"p":"0.001","q":"100","X":"ADL","m":true}',
    ]);
    expect(market.trades.map((t) => t.id)).toEqual([12345]);
    expect(market.rejects.map((r) => r.reason)).toEqual(['excluded']);
  });

  it('uses the transaction time of futures bookTicker', () => {
    expect(sink.quotes).toEqual([
      {
        venue: 'binance-usdm',
        symbol: 'BTCUSDT',
        timeMs: 1672515782134,
        bid: '16578.40',
        bidSize: '31.210',
        ask: '16578.50',
        askSize: '40.660',
      },
    ]);
  });

  it('reports acks and errors with codes, rejects unknown and broken frames', () => {
    expect(sink.controls).toEqual([
      { kind: 'ack', id: 1 },
      { kind: 'error', message: 'Invalid value type: expected Boolean', code: 1 },
    ]);
    expect(sink.rejects.map((r) => r.reason)).toEqual(['excluded', 'unknown-type', 'not-json']);
  });

  it('finds the aggregate-id gap, the late fill and the duplicate', () => {
    const integrity = new TradeIntegrity({ gapRule: binanceUsdmProfile.gapRule });
    const frames = new CollectingSink().feed(parseBinanceUsdmFrame, fixture('integrity'));
    expect(frames.trades.map((t) => integrity.accept(t))).toEqual(['new', 'new', 'late', 'duplicate']);
    expect(integrity.openGaps('binance-usdm', 'BTCUSDT').map((g) => [g.fromId, g.toId])).toEqual([[5933016, 5933016]]);
  });
});

describe('binance-usdm connections', () => {
  it('needs two sockets: aggTrade on /market, bookTicker on /public', () => {
    const plans = planConnections(binanceUsdmProfile, { symbols: ['BTCUSDT', 'ETHUSDT'], trades: true, quotes: true });
    expect(plans.map((p) => [p.endpoint.name, p.url, p.subscribeMessages])).toEqual([
      ['market', 'wss://fstream.binance.com/market/stream?streams=btcusdt@aggTrade/ethusdt@aggTrade', []],
      ['public', 'wss://fstream.binance.com/public/stream?streams=btcusdt@bookTicker/ethusdt@bookTicker', []],
    ]);
  });

  it('opens only the socket a channel needs, honours base overrides and the stream cap', () => {
    const onlyQuotes = planConnections(
      binanceUsdmProfile,
      { symbols: ['BTCUSDT'], trades: false, quotes: true },
      { public: 'wss://proxy.example/p/' },
    );
    expect(onlyQuotes.map((p) => p.url)).toEqual(['wss://proxy.example/p/stream?streams=btcusdt@bookTicker']);
    const many = Array.from({ length: 450 }, (_, i) => `S${i}USDT`);
    const plans = planConnections(binanceUsdmProfile, { symbols: many, trades: true, quotes: false });
    expect(plans.map((p) => p.subscription.symbols.length)).toEqual([200, 200, 50]);
  });
});

describe('binance-usdm backfill', () => {
  it('walks /fapi/v1/aggTrades forward from the first missing aggregate id', () => {
    const gap: Gap = {
      venue: 'binance-usdm',
      symbol: 'BTCUSDT',
      fromId: 5933016,
      toId: 5933016,
      fromTimeMs: 1,
      toTimeMs: 2,
    };
    const cursor = binanceUsdmAggTrades.cursorForGap(gap);
    expect(binanceUsdmAggTrades.url(binanceUsdmAggTrades.defaultBase, 'btcusdt', cursor)).toBe(
      'https://fapi.binance.com/fapi/v1/aggTrades?symbol=BTCUSDT&fromId=5933016&limit=1000',
    );
    const page = binanceUsdmAggTrades.parse(
      '[{"a":5933016,"p":"16578.55","q":"0.010","f":107,"l":107,"T":1672515782336,"m":false}]',
      'BTCUSDT',
    );
    expect(page.trades).toEqual([
      {
        venue: 'binance-usdm',
        symbol: 'BTCUSDT',
        id: 5933016,
        timeMs: 1672515782336,
        price: '16578.55',
        size: '0.010',
        side: 'buy',
      },
    ]);
    expect(binanceUsdmAggTrades.done(page, gap)).toBe(true);
  });
});
