import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CollectingSink } from '../collecting-sink';
import type { Gap } from '../integrity/gap';
import { TradeIntegrity } from '../integrity/trade-integrity';
import { createOkxProfile, okxProfile } from './adapter';
import { createOkxHistoryTrades, okxHistoryTrades } from './backfill';
import { isOkxSpot } from './contract-size';
import { createOkxParser, parseOkxFrame } from './parser';
import { okxPing, okxSubscribeMessages } from './subscribe';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../test/fixtures/wire/okx/${name}.ndjson`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);

describe('okx parser', () => {
  const sink = new CollectingSink().feed(parseOkxFrame, fixture('feed'), 3);

  it('reads trades with string ms times; count > 1 covers ids firstId..tradeId', () => {
    expect(sink.trades).toEqual([
      {
        venue: 'okx',
        symbol: 'BTC-USDT',
        id: 130639474,
        firstId: 130639472,
        timeMs: 1630048897897,
        price: '42219.9',
        size: '0.12060306',
        side: 'buy',
      },
      {
        venue: 'okx',
        symbol: 'BTC-USDT',
        id: 130639475,
        timeMs: 1630048897950,
        price: '42219.8',
        size: '0.5',
        side: 'sell',
      },
      {
        venue: 'okx',
        symbol: 'BTC-USDT',
        id: 130639476,
        timeMs: 1630048897950,
        price: '42219.7',
        size: '0.01',
        side: 'sell',
      },
    ]);
  });

  it('reads bbo-tbt as a quote', () => {
    expect(sink.quotes).toEqual([
      {
        venue: 'okx',
        symbol: 'BTC-USDT',
        timeMs: 1651826598363,
        bid: '36232.1',
        bidSize: '0.00572212',
        ask: '36232.2',
        askSize: '1.8826134',
      },
    ]);
  });

  it('handles the text pong, acks, errors with codes and the 64008 notice', () => {
    expect(sink.controls).toEqual([
      { kind: 'ack', channel: 'trades', symbol: 'BTC-USDT' },
      { kind: 'pong' },
      {
        kind: 'error',
        message:
          "Wrong URL or channel:trades,instId:BTC-XYZ doesn't exist. Please use the correct URL, channel and parameters referring to API document.",
        code: '60018',
        symbol: 'BTC-XYZ',
      },
      {
        kind: 'reconnect',
        reason: '64008 The connection will soon be closed for a service upgrade. Please reconnect.',
      },
    ]);
  });

  it('refuses to size SWAP trades without a contract value', () => {
    expect(sink.rejects).toContainEqual({
      reason: 'bad-size',
      detail: 'BTC-USDT-SWAP: contract value unknown, size is in contracts',
    });
    expect(sink.rejects.map((r) => r.reason)).toEqual(['bad-size', 'unknown-type', 'not-json']);
  });

  it('multiplies SWAP contracts by ctVal exactly, and refuses inverse contracts', () => {
    const parse = createOkxParser((inst) =>
      inst === 'BTC-USDT-SWAP'
        ? { ctVal: '0.01' }
        : inst === 'BTC-USD-SWAP'
          ? { ctVal: '100', inverse: true }
          : undefined,
    );
    const swap = new CollectingSink().feed(parse, [
      '{"arg":{"channel":"trades","instId":"BTC-USDT-SWAP"},"data":[{"instId":"BTC-USDT-SWAP","tradeId":"242720720","px":"29963.2","sz":"12","side":"sell","ts":"1654161646974","count":"1"},{"instId":"BTC-USDT-SWAP","tradeId":"242720721","px":"29963.2","sz":"0.3","side":"buy","ts":"1654161646975"}]}',
      '{"arg":{"channel":"bbo-tbt","instId":"BTC-USDT-SWAP"},"data":[{"asks":[["29963.3","7","0","2"]],"bids":[["29963.2","110","0","3"]],"ts":"1654161646976"}]}',
      '{"arg":{"channel":"trades","instId":"BTC-USD-SWAP"},"data":[{"instId":"BTC-USD-SWAP","tradeId":"1","px":"29963.2","sz":"5","side":"buy","ts":"1654161646975"}]}',
    ]);
    expect(swap.trades.map((t) => [t.size, t.side])).toEqual([
      ['0.12', 'sell'],
      ['0.003', 'buy'],
    ]);
    expect(swap.quotes.map((q) => [q.bidSize, q.askSize])).toEqual([['1.1', '0.07']]);
    expect(swap.rejects).toEqual([
      { reason: 'bad-size', detail: 'BTC-USD-SWAP: inverse contract, size is quote-valued' },
    ]);
    // The profile factory wires the same lookup.
    const profile = createOkxProfile({ contracts: () => ({ ctVal: '0.1' }) });
    const viaProfile = new CollectingSink().feed(profile.parse, [
      '{"arg":{"channel":"trades","instId":"ETH-USDT-SWAP"},"data":[{"instId":"ETH-USDT-SWAP","tradeId":"9","px":"1800","sz":"3","side":"buy","ts":"1654161646975"}]}',
    ]);
    expect(viaProfile.trades[0]?.size).toBe('0.3');
  });

  it('rejects malformed pushes without throwing', () => {
    const bad = new CollectingSink().feed(parseOkxFrame, [
      '{"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[{"instId":"BTC-USDT","tradeId":"abc","px":"1","sz":"1","side":"buy","ts":"1"}]}',
      '{"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[{"instId":"BTC-USDT","tradeId":"5","px":"1","sz":"1","side":"buy","ts":"1","count":"0"}]}',
      '{"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[{"instId":"BTC-USDT","tradeId":"5","px":1,"sz":"1","side":"buy","ts":"1"}]}',
      '{"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[{"instId":"BTC-USDT","tradeId":"5","px":"1","sz":"1","side":"buy","ts":"soon"}]}',
      '{"arg":{"channel":"bbo-tbt","instId":"BTC-USDT"},"data":[{"asks":[],"bids":[["1","1","0","1"]],"ts":"1"}]}',
      '{"arg":{"channel":"bbo-tbt"},"data":[]}',
      '{"event":"login"}',
      '{"data":[]}',
    ]);
    expect(bad.rejects.map((r) => r.reason)).toEqual([
      'malformed',
      'malformed',
      'bad-price',
      'bad-time',
      'malformed',
      'malformed',
      'unknown-type',
      'unknown-type',
    ]);
  });

  it('applies the count-aware gap rule', () => {
    const integrity = new TradeIntegrity({ gapRule: okxProfile.gapRule });
    const trades = new CollectingSink().feed(parseOkxFrame, fixture('integrity')).trades;
    expect(trades.map((t) => integrity.accept(t))).toEqual(['new', 'new', 'new', 'duplicate']);
    expect(integrity.openGaps('okx', 'BTC-USDT').map((g) => [g.fromId, g.toId])).toEqual([[130639476, 130639477]]);
  });
});

describe('okx subscribe', () => {
  it('batches args and pings with the bare text', () => {
    expect(
      okxSubscribeMessages({ symbols: ['BTC-USDT'], trades: true, quotes: true }).map((m) => JSON.parse(m)),
    ).toEqual([
      {
        op: 'subscribe',
        args: [
          { channel: 'trades', instId: 'BTC-USDT' },
          { channel: 'bbo-tbt', instId: 'BTC-USDT' },
        ],
      },
    ]);
    const many = Array.from({ length: 60 }, (_, i) => `C${i}-USDT`);
    expect(okxSubscribeMessages({ symbols: many, trades: true, quotes: true })).toHaveLength(2);
    expect(okxPing.text).toBe('ping');
    expect(isOkxSpot('BTC-USDT')).toBe(true);
    expect(isOkxSpot('BTC-USDT-SWAP')).toBe(false);
    expect(isOkxSpot('BTC-USD-240628')).toBe(false);
  });
});

describe('okx backfill', () => {
  const gap: Gap = { venue: 'okx', symbol: 'BTC-USDT', fromId: 242720718, toId: 242720719, fromTimeMs: 1, toTimeMs: 2 };

  it('pages history-trades type=1 backwards by tradeId', () => {
    const cursor = okxHistoryTrades.cursorForGap(gap);
    expect(okxHistoryTrades.url(okxHistoryTrades.defaultBase, 'BTC-USDT', cursor)).toBe(
      'https://www.okx.com/api/v5/market/history-trades?instId=BTC-USDT&type=1&after=242720720&limit=100',
    );
    const body =
      '{"code":"0","msg":"","data":[{"instId":"BTC-USDT","side":"sell","sz":"0.00001","px":"29963.2","tradeId":"242720719","ts":"1654161646974"},' +
      '{"instId":"BTC-USDT","side":"buy","sz":"0.002","px":"29963.1","tradeId":"242720718","ts":"1654161646970"}]}';
    const page = okxHistoryTrades.parse(body, 'BTC-USDT');
    expect(page.trades.map((t) => [t.id, t.side, t.size])).toEqual([
      [242720718, 'buy', '0.002'],
      [242720719, 'sell', '0.00001'],
    ]);
    expect(page.next).toBe('242720718');
    expect(okxHistoryTrades.done(page, gap)).toBe(true);
    expect(okxHistoryTrades.parse('{"code":"51001","msg":"Instrument ID does not exist","data":[]}', 'X').error).toBe(
      '51001 Instrument ID does not exist',
    );
  });

  it('sizes SWAP backfill rows with ctVal too', () => {
    const source = createOkxHistoryTrades(() => ({ ctVal: '0.01' }));
    const page = source.parse(
      '{"code":"0","data":[{"instId":"BTC-USDT-SWAP","side":"sell","sz":"3","px":"1","tradeId":"7","ts":"1654161646974"}]}',
      'BTC-USDT-SWAP',
    );
    expect(page.trades[0]?.size).toBe('0.03');
  });
});
