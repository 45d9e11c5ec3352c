import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CollectingSink } from '../collecting-sink';
import { TradeIntegrity } from '../integrity/trade-integrity';
import { bitstampProfile } from './adapter';
import { parseBitstampFrame } from './parser';
import { bitstampSubscribeMessages } from './subscribe';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../test/fixtures/wire/bitstamp/${name}.ndjson`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);

describe('bitstamp parser', () => {
  const sink = new CollectingSink().feed(parseBitstampFrame, fixture('feed'));

  it('uses price_str/amount_str, type 0 = buy, µs time', () => {
    expect(sink.trades).toEqual([
      {
        venue: 'bitstamp',
        symbol: 'BTCUSD',
        id: 106833903,
        timeMs: 1583691851934,
        price: '8302.92',
        size: '0.14406384',
        side: 'buy',
      },
      {
        venue: 'bitstamp',
        symbol: 'BTCUSD',
        id: 106833904,
        timeMs: 1583691852001,
        price: '8302.50',
        size: '1.00000000',
        side: 'sell',
      },
    ]);
  });

  it('takes the top of order_book snapshots as the quote', () => {
    expect(sink.quotes).toEqual([
      {
        venue: 'bitstamp',
        symbol: 'BTCUSD',
        timeMs: 1583691852101,
        bid: '8302.50',
        bidSize: '0.5',
        ask: '8303.10',
        askSize: '0.25',
      },
    ]);
  });

  it('maps acks, heartbeat replies, errors and reconnect requests', () => {
    expect(sink.controls).toEqual([
      { kind: 'ack', channel: 'live_trades_btcusd', symbol: 'BTCUSD' },
      { kind: 'pong' },
      { kind: 'error', message: 'Bad subscription string.' },
      { kind: 'reconnect', reason: 'bts:request_reconnect' },
    ]);
    expect(sink.rejects.map((r) => r.reason)).toEqual(['unknown-type', 'not-json']);
  });

  it('dedupes by id but reads no gaps into shared ids', () => {
    const integrity = new TradeIntegrity({ gapRule: bitstampProfile.gapRule });
    const trades = new CollectingSink().feed(parseBitstampFrame, fixture('integrity')).trades;
    expect(trades.map((t) => integrity.accept(t))).toEqual(['new', 'new', 'duplicate', 'late']);
    expect(integrity.allOpenGaps()).toEqual([]);
  });

  it('falls back to the numbers and seconds; rejects junk', () => {
    const sink2 = new CollectingSink().feed(parseBitstampFrame, [
      '{"event":"trade","channel":"live_trades_ethusd","data":{"id":1,"price":1800.5,"amount":0.25,"timestamp":"1583691851","type":1}}',
      '{"event":"trade","channel":"live_trades_ethusd","data":{"id":2,"price_str":"1","amount_str":"1","microtimestamp":"x","timestamp":"y","type":0}}',
      '{"event":"trade","channel":"live_trades_ethusd","data":{"id":3,"price_str":"1","amount_str":"1","microtimestamp":"1583691851934000","type":2}}',
      '{"event":"trade","channel":"order_book_ethusd","data":{}}',
      '{"event":"data","channel":"order_book_ethusd","data":{"bids":[],"asks":[]}}',
    ]);
    expect(sink2.trades).toEqual([
      {
        venue: 'bitstamp',
        symbol: 'ETHUSD',
        id: 1,
        timeMs: 1583691851000,
        price: '1800.5',
        size: '0.25',
        side: 'sell',
      },
    ]);
    expect(sink2.rejects.map((r) => r.reason)).toEqual(['bad-time', 'malformed', 'malformed', 'malformed']);
  });

  it('subscribes one lower-case channel per message', () => {
    expect(
      bitstampSubscribeMessages({ symbols: ['BTCUSD'], trades: true, quotes: true }).map((m) => JSON.parse(m)),
    ).toEqual([
      { event: 'bts:subscribe', data: { channel: 'live_trades_btcusd' } },
      { event: 'bts:subscribe', data: { channel: 'order_book_btcusd' } },
    ]);
  });
});
