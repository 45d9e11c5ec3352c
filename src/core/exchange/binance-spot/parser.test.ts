import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CollectingSink } from '../collecting-sink';
import { binanceSpotAdapter, parseBinanceSpotFrame, streamNames } from './parser';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../test/fixtures/wire/binance-spot/${name}.ndjson`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);

const parse = (...frames: string[]) => new CollectingSink().feed(parseBinanceSpotFrame, frames, 1_700_000_000_000);

describe('binance-spot parser', () => {
  it('maps m (buyer is maker) to the taker side and keeps decimal text', () => {
    const sink = parse(...fixture('feed').slice(1, 3));
    expect(sink.trades).toEqual([
      {
        venue: 'binance-spot',
        symbol: 'BNBBTC',
        id: 12345,
        timeMs: 1672515782136,
        price: '0.001',
        size: '100',
        side: 'sell',
      },
      {
        venue: 'binance-spot',
        symbol: 'BNBBTC',
        id: 12346,
        timeMs: 1672515782139,
        price: '0.00101',
        size: '5.5',
        side: 'buy',
      },
    ]);
  });

  it('reads aggTrade with the aggregate id, raw and combined frames alike', () => {
    const agg =
      '{"e":"aggTrade","E":1672515782136,"s":"BNBBTC","a":12345,"p":"0.001","q":"100","f":100,"l":105,"T":1672515782136,"m":true,"M":true}';
    const sink = parse(agg, `{"stream":"bnbbtc@aggTrade","data":${agg}}`);
    expect(sink.trades).toHaveLength(2);
    expect(sink.trades[0]).toEqual(sink.trades[1]);
    expect(sink.trades[0]).toMatchObject({ id: 12345, side: 'sell' });
  });

  it('stamps bookTicker quotes with the receive time (spot sends none)', () => {
    const sink = parse(
      '{"u":400900217,"s":"BNBUSDT","b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000"}',
    );
    expect(sink.quotes).toEqual([
      {
        venue: 'binance-spot',
        symbol: 'BNBUSDT',
        timeMs: 1_700_000_000_000,
        bid: '25.35190000',
        bidSize: '31.21000000',
        ask: '25.36520000',
        askSize: '40.66000000',
      },
    ]);
  });

  it('turns replies, shutdown notices and junk into controls and rejects', () => {
    const sink = parse(...fixture('feed'));
    expect(sink.controls).toEqual([
      { kind: 'ack', id: 1 },
      { kind: 'reconnect', reason: 'serverShutdown' },
      { kind: 'error', message: '2 Invalid request: unknown variable' },
    ]);
    expect(sink.rejects.map((r) => r.reason).sort()).toEqual(['not-json', 'unknown-type']);
  });

  it('rejects malformed trades without throwing', () => {
    const sink = parse(
      '{"e":"trade","s":"X","t":"1","p":"1","q":"1","T":1,"m":true}',
      '{"e":"trade","s":"X","t":1,"p":1,"q":"1","T":1,"m":true}',
      '{"e":"trade","s":"X","t":1,"p":"1","q":null,"T":1,"m":true}',
      '{"stream":"x","data":[]}',
      '[]',
      'null',
    );
    expect(sink.trades).toEqual([]);
    expect(sink.rejects.map((r) => r.reason)).toEqual([
      'malformed',
      'bad-price',
      'bad-size',
      'malformed',
      'malformed',
      'malformed',
    ]);
  });

  it('builds lower-case stream names on the URL and sends nothing', () => {
    const sub = { symbols: ['BTCUSDT', 'ETHUSDT'], trades: true, quotes: true };
    expect(streamNames(sub)).toEqual(['btcusdt@trade', 'btcusdt@bookTicker', 'ethusdt@trade', 'ethusdt@bookTicker']);
    expect(binanceSpotAdapter.url('wss://stream.binance.com:9443/', sub)).toBe(
      'wss://stream.binance.com:9443/stream?streams=btcusdt@trade/btcusdt@bookTicker/ethusdt@trade/ethusdt@bookTicker',
    );
    expect(binanceSpotAdapter.subscribeMessages(sub)).toEqual([]);
  });
});
