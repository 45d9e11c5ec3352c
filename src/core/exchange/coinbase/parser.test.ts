import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FrameSink } from '../adapter';
import { CollectingSink } from '../collecting-sink';
import type { Gap } from '../integrity/gap';
import { TradeIntegrity } from '../integrity/trade-integrity';
import { coinbaseAdapter } from './adapter';
import { coinbaseTrades } from './backfill';
import { parseCoinbaseFrame } from './parser';
import { coinbaseSubscribeMessages } from './subscribe';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../test/fixtures/wire/coinbase/${name}.ndjson`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);

describe('coinbase parser', () => {
  const sink = new CollectingSink().feed(parseCoinbaseFrame, fixture('feed'), 7);

  it('flips the maker side of match/last_match to the taker side; RFC 3339 µs → ms', () => {
    expect(sink.trades).toEqual([
      {
        venue: 'coinbase',
        symbol: 'BTC-USD',
        id: 9,
        timeMs: Date.UTC(2014, 10, 7, 8, 19, 26, 28),
        price: '400.20',
        size: '1.5',
        side: 'sell',
      },
      {
        venue: 'coinbase',
        symbol: 'BTC-USD',
        id: 10,
        timeMs: Date.UTC(2014, 10, 7, 8, 19, 27, 28),
        price: '400.23',
        size: '5.23512',
        side: 'buy',
      },
      {
        venue: 'coinbase',
        symbol: 'BTC-USD',
        id: 11,
        timeMs: Date.UTC(2014, 10, 7, 8, 19, 27, 528),
        price: '400.22',
        size: '0.1',
        side: 'sell',
      },
    ]);
  });

  it('reads ticker as the best bid/offer', () => {
    expect(sink.quotes).toEqual([
      {
        venue: 'coinbase',
        symbol: 'ETH-USD',
        timeMs: Date.UTC(2022, 9, 19, 23, 28, 22, 61),
        bid: '1285.04',
        bidSize: '0.46688654',
        ask: '1285.27',
        askSize: '1.56637040',
      },
    ]);
  });

  it('emits subscriptions ack, heartbeat with last_trade_id, per-product error', () => {
    expect(sink.controls).toEqual([
      { kind: 'ack' },
      { kind: 'heartbeat', symbol: 'BTC-USD', lastTradeId: 11, timeMs: Date.UTC(2014, 10, 7, 8, 19, 28, 464) },
      { kind: 'error', message: 'Failed to subscribe: BTC-XYZ is not a valid product', symbol: 'BTC-XYZ' },
    ]);
    expect(sink.rejects.map((r) => r.reason)).toEqual(['unknown-type', 'not-json']);
  });

  it('rejects a match with a bad time or side, never throwing', () => {
    const bad = new CollectingSink().feed(parseCoinbaseFrame, [
      '{"type":"match","trade_id":1,"product_id":"BTC-USD","price":"1","size":"1","side":"sell","time":"yesterday"}',
      '{"type":"match","trade_id":1,"product_id":"BTC-USD","price":"1","size":"1","side":"up","time":"2014-11-07T08:19:27.028459Z"}',
      '{"type":"match","trade_id":"1","product_id":"BTC-USD"}',
      '{"type":"ticker","product_id":"BTC-USD","best_bid":1}',
      '{"type":"heartbeat"}',
    ]);
    expect(bad.rejects.map((r) => r.reason)).toEqual(['bad-time', 'malformed', 'malformed', 'malformed', 'malformed']);
  });

  it('dedupes last_match/duplicates and finds gaps from heartbeats', () => {
    const integrity = new TradeIntegrity({ gapRule: 'consecutive' });
    const verdicts: string[] = [];
    const sink: FrameSink = {
      trade: (t) => verdicts.push(integrity.accept(t)),
      quote: () => undefined,
      control: (e) => {
        if (e.kind === 'heartbeat' && e.lastTradeId !== undefined && e.symbol !== undefined) {
          integrity.observeLastId('coinbase', e.symbol, e.lastTradeId, e.timeMs ?? 0);
        }
      },
      reject: () => undefined,
    };
    for (const frame of fixture('integrity')) parseCoinbaseFrame(frame, 0, sink);
    // last_match 9, match 10, heartbeat says 13 (gap 11-13), 12 arrives late, 14, 10 again.
    expect(verdicts).toEqual(['new', 'new', 'late', 'new', 'duplicate']);
    expect(integrity.stats).toMatchObject({ new: 3, late: 1, duplicate: 1, gapsOpened: 1 });
    expect(integrity.openGaps('coinbase', 'BTC-USD').map((g) => [g.fromId, g.toId])).toEqual([
      [11, 11],
      [13, 13],
    ]);
  });
});

describe('coinbase subscribe', () => {
  it('sends one message with matches, heartbeat and ticker', () => {
    expect(
      coinbaseSubscribeMessages({ symbols: ['BTC-USD', 'ETH-USD'], trades: true, quotes: true }).map((m) =>
        JSON.parse(m),
      ),
    ).toEqual([
      { type: 'subscribe', product_ids: ['BTC-USD', 'ETH-USD'], channels: ['matches', 'heartbeat', 'ticker'] },
    ]);
    expect(
      coinbaseSubscribeMessages({ symbols: ['BTC-USD'], trades: false, quotes: true }).map(
        (m) => JSON.parse(m).channels,
      ),
    ).toEqual([['heartbeat', 'ticker']]);
    expect(coinbaseSubscribeMessages({ symbols: [], trades: true, quotes: true })).toEqual([]);
    expect(
      coinbaseAdapter.url('wss://ws-feed.exchange.coinbase.com', { symbols: [], trades: true, quotes: false }),
    ).toBe('wss://ws-feed.exchange.coinbase.com');
  });
});

describe('coinbase backfill', () => {
  const gap: Gap = { venue: 'coinbase', symbol: 'BTC-USD', fromId: 72, toId: 74, fromTimeMs: 1, toTimeMs: 2 };

  it('walks /products/{id}/trades?after= backwards from the gap end', () => {
    const cursor = coinbaseTrades.cursorForGap(gap);
    expect(cursor).toBe('75');
    expect(coinbaseTrades.url('https://api.exchange.coinbase.com/', 'BTC-USD', cursor)).toBe(
      'https://api.exchange.coinbase.com/products/BTC-USD/trades?limit=1000&after=75',
    );
    // Newest first, maker side (docs example row first).
    const body =
      '[{"time":"2014-11-07T22:19:28.578544Z","trade_id":74,"price":"10.00000000","size":"0.01000000","side":"buy"},' +
      '{"time":"2014-11-07T01:08:43.642366Z","trade_id":73,"price":"100.00000000","size":"0.01000000","side":"sell"}]';
    const page = coinbaseTrades.parse(body, 'BTC-USD');
    expect(page.trades.map((t) => [t.id, t.side, t.price])).toEqual([
      [73, 'buy', '100.00000000'],
      [74, 'sell', '10.00000000'],
    ]);
    expect(page.next).toBe('73');
    expect(coinbaseTrades.done(page, gap)).toBe(false);
    const older = coinbaseTrades.parse(
      '[{"time":"2014-11-07T01:08:43.000000Z","trade_id":72,"price":"1","size":"1","side":"buy"}]',
      'BTC-USD',
    );
    expect(coinbaseTrades.done(older, gap)).toBe(true);
  });

  it('reports error bodies', () => {
    expect(coinbaseTrades.parse('{"message":"NotFound"}', 'X').error).toBe('NotFound');
  });
});
