import { describe, expect, it } from 'vitest';
import type { Gap } from '../integrity/gap';
import { binanceSpotAggTrades, binanceSpotHistoricalTrades } from './backfill';

const gap: Gap = { venue: 'binance-spot', symbol: 'BNBBTC', fromId: 28457, toId: 28460, fromTimeMs: 1, toTimeMs: 2 };

describe('binance-spot backfill', () => {
  it('historicalTrades: fromId is the first missing trade id', () => {
    const cursor = binanceSpotHistoricalTrades.cursorForGap(gap);
    expect(cursor).toBe('28457');
    expect(binanceSpotHistoricalTrades.url('https://api.binance.com/', 'bnbbtc', cursor)).toBe(
      'https://api.binance.com/api/v3/historicalTrades?symbol=BNBBTC&fromId=28457&limit=1000',
    );
    // rest-api.md example row, plus one more.
    const body =
      '[{"id":28457,"price":"4.00000100","qty":"12.00000000","quoteQty":"48.000012","time":1499865549590,"isBuyerMaker":true,"isBestMatch":true},' +
      '{"id":28458,"price":"4.00000200","qty":"1.00000000","quoteQty":"4.000002","time":1499865549591,"isBuyerMaker":false,"isBestMatch":true},{"id":"x"}]';
    const page = binanceSpotHistoricalTrades.parse(body, 'BNBBTC');
    expect(page.trades).toEqual([
      {
        venue: 'binance-spot',
        symbol: 'BNBBTC',
        id: 28457,
        timeMs: 1499865549590,
        price: '4.00000100',
        size: '12.00000000',
        side: 'sell',
      },
      {
        venue: 'binance-spot',
        symbol: 'BNBBTC',
        id: 28458,
        timeMs: 1499865549591,
        price: '4.00000200',
        size: '1.00000000',
        side: 'buy',
      },
    ]);
    expect(page.next).toBe('28459');
    expect(page.rejected).toBe(1);
    expect(binanceSpotHistoricalTrades.done(page, gap)).toBe(false);
    expect(binanceSpotHistoricalTrades.done({ ...page, trades: [{ ...page.trades[1]!, id: 28460 }] }, gap)).toBe(true);
  });

  it('aggTrades: aggregate ids, same walk', () => {
    expect(binanceSpotAggTrades.url('https://data-api.binance.vision', 'BNBBTC', '26129', 500)).toBe(
      'https://data-api.binance.vision/api/v3/aggTrades?symbol=BNBBTC&fromId=26129&limit=500',
    );
    const page = binanceSpotAggTrades.parse(
      '[{"a":26129,"p":"0.01633102","q":"4.70443515","f":27781,"l":27781,"T":1498793709153,"m":true,"M":true}]',
      'BNBBTC',
    );
    expect(page.trades).toEqual([
      {
        venue: 'binance-spot',
        symbol: 'BNBBTC',
        id: 26129,
        timeMs: 1498793709153,
        price: '0.01633102',
        size: '4.70443515',
        side: 'sell',
      },
    ]);
    expect(page.next).toBe('26130');
  });

  it('reports error bodies and empty pages', () => {
    expect(binanceSpotAggTrades.parse('{"code":-1121,"msg":"Invalid symbol."}', 'X')).toEqual({
      trades: [],
      next: null,
      rejected: 0,
      error: '-1121 Invalid symbol.',
    });
    expect(binanceSpotAggTrades.parse('<html>', 'X').error).toMatch(/not a trade list/);
    const empty = binanceSpotAggTrades.parse('[]', 'X');
    expect(empty.next).toBeNull();
    expect(binanceSpotAggTrades.done(empty, gap)).toBe(true);
  });
});
