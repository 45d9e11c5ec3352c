import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CollectingSink } from '../collecting-sink';
import type { Gap } from '../integrity/gap';
import { TradeIntegrity } from '../integrity/trade-integrity';
import { krakenProfile } from './adapter';
import { krakenSecondsToMs, krakenTrades } from './backfill';
import { parseKrakenFrame } from './parser';
import { krakenPing, krakenSubscribeMessages } from './subscribe';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../test/fixtures/wire/kraken/${name}.ndjson`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);

describe('kraken parser', () => {
  const sink = new CollectingSink().feed(parseKrakenFrame, fixture('feed'), 5);

  it('reads snapshot and update trades with JSON numbers as exact decimal text', () => {
    expect(sink.trades).toEqual([
      {
        venue: 'kraken',
        symbol: 'MATIC/USD',
        id: 4665846,
        timeMs: Date.UTC(2023, 8, 25, 7, 48, 36, 925),
        price: '0.5147',
        size: '6423.46326',
        side: 'buy',
      },
      {
        venue: 'kraken',
        symbol: 'MATIC/USD',
        id: 4665847,
        timeMs: Date.UTC(2023, 8, 25, 7, 49, 36, 925),
        price: '0.5147',
        size: '1136.19677815',
        side: 'buy',
      },
      {
        venue: 'kraken',
        symbol: 'MATIC/USD',
        id: 4665848,
        timeMs: Date.UTC(2023, 8, 25, 7, 49, 37, 708),
        price: '0.5117',
        size: '40',
        side: 'sell',
      },
      // 1.5e-7 on the wire: expanded, never in exponent form.
      {
        venue: 'kraken',
        symbol: 'MATIC/USD',
        id: 4665849,
        timeMs: Date.UTC(2023, 8, 25, 7, 49, 37, 708),
        price: '0.5116',
        size: '0.00000015',
        side: 'sell',
      },
    ]);
  });

  it('reads ticker (event_trigger bbo) as a quote', () => {
    expect(sink.quotes).toEqual([
      {
        venue: 'kraken',
        symbol: 'ALGO/USD',
        timeMs: Date.UTC(2023, 8, 25, 9, 4, 31, 742),
        bid: '0.10025',
        bidSize: '740',
        ask: '0.10036',
        askSize: '1361.44813783',
      },
    ]);
  });

  it('maps status, per-symbol acks, heartbeat, pong and subscribe errors', () => {
    expect(sink.controls).toEqual([
      { kind: 'status', message: 'system online' },
      { kind: 'ack', id: 1, symbol: 'MATIC/USD', channel: 'trade' },
      { kind: 'heartbeat' },
      { kind: 'pong' },
      { kind: 'error', message: 'Currency pair not supported XBT/USD', symbol: 'XBT/USD' },
    ]);
    expect(sink.rejects.map((r) => r.reason)).toEqual(['unknown-type', 'not-json']);
  });

  it('rejects bad items of a batch but keeps the good ones', () => {
    const batch = new CollectingSink().feed(
      parseKrakenFrame,
      [
        '{"channel":"trade","type":"update","data":[{"symbol":"BTC/USD","side":"buy","price":"x1","qty":null,"trade_id":1,"timestamp":"2023-09-25T07:49:37.708706Z"},' +
          '{"symbol":"BTC/USD","side":"sell","price":26000.1,"qty":0.5,"trade_id":2,"timestamp":"2023-09-25T07:49:37.708706Z"},' +
          '{"symbol":"BTC/USD","side":"sell","price":26000.1,"qty":0.5,"trade_id":3,"timestamp":"bad"},' +
          '{"symbol":"BTC/USD","side":"hold","price":1,"qty":1,"trade_id":4,"timestamp":"2023-09-25T07:49:37.708706Z"}]}',
        '{"channel":"ticker","type":"update","data":[{"symbol":"BTC/USD","bid":"26000.1","bid_qty":"1.5","ask":26000.2,"ask_qty":2}]}',
        '{"Error":"Exceeded msg rate"}',
        '{"foo":1}',
      ],
      99,
    );
    // A string price is passed through (validation later rejects "x1").
    expect(batch.trades.map((t) => [t.id, t.price, t.size])).toEqual([[2, '26000.1', '0.5']]);
    expect(batch.rejects.map((r) => r.reason)).toEqual(['bad-size', 'bad-time', 'malformed', 'unknown-type']);
    expect(batch.quotes).toEqual([
      { venue: 'kraken', symbol: 'BTC/USD', timeMs: 99, bid: '26000.1', bidSize: '1.5', ask: '26000.2', askSize: '2' },
    ]);
    expect(batch.controls).toEqual([{ kind: 'error', message: 'Exceeded msg rate' }]);
  });

  it('dedupes the reconnect snapshot overlap and fills the gap it covers', () => {
    const integrity = new TradeIntegrity({ gapRule: krakenProfile.gapRule });
    const trades = new CollectingSink().feed(parseKrakenFrame, fixture('integrity')).trades;
    expect(trades.map((t) => integrity.accept(t))).toEqual([
      'new',
      'new',
      'new',
      'duplicate',
      'late',
      'late',
      'duplicate',
    ]);
    expect(integrity.stats).toMatchObject({ gapsOpened: 1, gapsClosed: 1 });
  });
});

describe('kraken subscribe', () => {
  it('sets snapshot explicitly and asks ticker for bbo events', () => {
    const msgs = krakenSubscribeMessages({ symbols: ['BTC/USD', 'ETH/USD'], trades: true, quotes: true }).map((m) =>
      JSON.parse(m),
    );
    expect(msgs).toEqual([
      { method: 'subscribe', params: { channel: 'trade', symbol: ['BTC/USD', 'ETH/USD'], snapshot: true }, req_id: 1 },
      {
        method: 'subscribe',
        params: { channel: 'ticker', symbol: ['BTC/USD', 'ETH/USD'], event_trigger: 'bbo', snapshot: true },
        req_id: 2,
      },
    ]);
    expect(JSON.parse(krakenPing.text)).toEqual({ method: 'ping', req_id: 9000 });
  });
});

describe('kraken backfill', () => {
  const gap: Gap = {
    venue: 'kraken',
    symbol: 'BTC/USD',
    fromId: 61044951,
    toId: 61044952,
    fromTimeMs: 1688669597000,
    toTimeMs: 1688669598000,
  };

  it('starts from the ns time just before the gap', () => {
    const cursor = krakenTrades.cursorForGap(gap);
    expect(cursor).toBe('1688669596999000000');
    expect(krakenTrades.url('https://api.kraken.com', 'BTC/USD', cursor)).toBe(
      'https://api.kraken.com/0/public/Trades?pair=BTCUSD&since=1688669596999000000&count=1000',
    );
  });

  it('parses rows [price, volume, time, side, type, misc, id] and the last cursor', () => {
    const body =
      '{"error":[],"result":{"XXBTZUSD":[["30243.40000","0.34507674",1688669597.827,"b","m","",61044951],["30243.30000","0.00100000",1688669597.8271,"s","l","",61044952]],"last":"1688669597827130900"}}';
    const page = krakenTrades.parse(body, 'BTC/USD');
    expect(page.trades).toEqual([
      {
        venue: 'kraken',
        symbol: 'BTC/USD',
        id: 61044951,
        timeMs: 1688669597827,
        price: '30243.40000',
        size: '0.34507674',
        side: 'buy',
      },
      {
        venue: 'kraken',
        symbol: 'BTC/USD',
        id: 61044952,
        timeMs: 1688669597827,
        price: '30243.30000',
        size: '0.00100000',
        side: 'sell',
      },
    ]);
    expect(page.next).toBe('1688669597827130900');
    expect(krakenTrades.done(page, gap)).toBe(true);
    expect(krakenTrades.parse('{"error":["EQuery:Unknown asset pair"]}', 'X').error).toBe('EQuery:Unknown asset pair');
  });

  it('converts float seconds on the decimal text', () => {
    expect(krakenSecondsToMs(1688669597.827)).toBe(1688669597827);
    expect(krakenSecondsToMs(1688669597)).toBe(1688669597000);
    expect(krakenSecondsToMs('x')).toBeNaN();
  });
});
