import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CollectingSink } from '../collecting-sink';
import { bybitLinearAdapter, bybitSpotAdapter } from './adapter';
import { parseBybitLinearFrame, parseBybitSpotFrame } from './parser';
import { bybitPing } from './subscribe';

const fixture = (venue: string) =>
  readFileSync(new URL(`../../../../test/fixtures/wire/${venue}/feed.ndjson`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);

describe('bybit spot parser', () => {
  const sink = new CollectingSink().feed(parseBybitSpotFrame, fixture('bybit-spot'));

  it('reads batched publicTrade with taker side S and no id', () => {
    expect(sink.trades).toEqual([
      { venue: 'bybit-spot', symbol: 'BTCUSDT', timeMs: 1672304486865, price: '16578.50', size: '0.001', side: 'buy' },
      { venue: 'bybit-spot', symbol: 'BTCUSDT', timeMs: 1672304486870, price: '16578.00', size: '0.25', side: 'sell' },
      { venue: 'bybit-spot', symbol: 'BTCUSDT', timeMs: 1672304486870, price: '16577.50', size: '0.5', side: 'sell' },
    ]);
  });

  it('reads orderbook.1 as quotes at matching-engine time; u = 1 signals a reset first', () => {
    expect(sink.quotes.map((q) => [q.timeMs, q.bid, q.bidSize, q.ask, q.askSize])).toEqual([
      [1672304484976, '16493.50', '0.006', '16611.00', '0.029'],
      [1672304485976, '16493.00', '0.100', '16610.50', '0.010'],
    ]);
    expect(sink.controls).toEqual([
      { kind: 'ack', id: 'sub-1' },
      { kind: 'reset', symbol: 'BTCUSDT', reason: 'orderbook u=1 (service restart)' },
      { kind: 'pong' },
      { kind: 'error', message: 'Invalid topic :[orderbook.1.NOTASYMBOL]', symbol: 'NOTASYMBOL' },
    ]);
    expect(sink.rejects.map((r) => r.reason)).toEqual(['unknown-type', 'not-json']);
  });

  it('splits subscriptions into requests of at most 10 args on spot', () => {
    const symbols = Array.from({ length: 7 }, (_, i) => `C${i}USDT`);
    const msgs = bybitSpotAdapter.subscribeMessages({ symbols, trades: true, quotes: true }).map((m) => JSON.parse(m));
    expect(msgs.map((m) => m.args.length)).toEqual([10, 4]);
    expect(msgs[0]).toMatchObject({ req_id: 'sub-1', op: 'subscribe' });
    expect(msgs[0].args.slice(0, 2)).toEqual(['publicTrade.C0USDT', 'orderbook.1.C0USDT']);
  });
});

describe('bybit linear parser', () => {
  const sink = new CollectingSink().feed(parseBybitLinearFrame, fixture('bybit-linear'));

  it('reads trades (UUID ids are not kept) including block trades', () => {
    expect(sink.trades.map((t) => [t.venue, t.side, t.size, t.id])).toEqual([
      ['bybit-linear', 'buy', '0.001', undefined],
      ['bybit-linear', 'sell', '1.25', undefined],
      ['bybit-linear', 'buy', '0.5', undefined],
    ]);
    expect(sink.quotes).toHaveLength(1);
  });

  it('understands every pong format and refused topics', () => {
    expect(sink.controls).toEqual([
      { kind: 'ack', id: 'sub-1' },
      { kind: 'pong' },
      { kind: 'pong' },
      { kind: 'error', message: 'error:handler not found,topic:publicTrade.NOPE', symbol: 'NOPE' },
    ]);
    expect(sink.rejects.map((r) => r.reason)).toEqual(['unknown-type', 'not-json']);
  });

  it('sends everything in one request on linear, and JSON pings', () => {
    const symbols = Array.from({ length: 7 }, (_, i) => `C${i}USDT`);
    expect(bybitLinearAdapter.subscribeMessages({ symbols, trades: true, quotes: true })).toHaveLength(1);
    expect(JSON.parse(bybitPing.text)).toEqual({ req_id: 'ping', op: 'ping' });
    expect(bybitPing.everyMs).toBe(20_000);
  });

  it('rejects malformed items without throwing', () => {
    const bad = new CollectingSink().feed(parseBybitLinearFrame, [
      '{"topic":"publicTrade.BTCUSDT","data":{"oops":1}}',
      '{"topic":"publicTrade.BTCUSDT","data":[{"T":1,"s":"BTCUSDT","S":"Up","v":"1","p":"1"},{"T":1,"s":"BTCUSDT","S":"Buy","v":1,"p":"1"},{"T":1,"s":"BTCUSDT","S":"Buy","v":"1","p":null},null]}',
      '{"topic":"orderbook.1.BTCUSDT","data":{"s":"BTCUSDT","b":[],"a":[["1","1"]],"u":5}}',
      '{"topic":"orderbook.1.BTCUSDT","data":null}',
      '{"op":"auth"}',
    ]);
    expect(bad.trades).toEqual([]);
    expect(bad.rejects.map((r) => r.reason)).toEqual([
      'malformed',
      'malformed',
      'bad-size',
      'bad-price',
      'malformed',
      'malformed',
      'malformed',
      'unknown-type',
    ]);
  });
});
