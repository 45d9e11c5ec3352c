import { describe, expect, it } from 'vitest';
import {
  LISTING_SOURCES,
  parseBinanceSpotExchangeInfo,
  parseBinanceUsdmExchangeInfo,
  parseBitstampPairs,
  parseBybitInstruments,
  parseCoinbaseProducts,
  parseKrakenAssetPairs,
  parseOkxInstruments,
} from './listing';
import { canonicalDecimal, tickFromDecimals } from './instrument';

// Payloads follow each venue's documented examples (abridged where fields do not matter).

describe('Binance listings', () => {
  it('parses spot exchangeInfo with the PRICE_FILTER tick size, trading symbols only', () => {
    const body = JSON.stringify({
      timezone: 'UTC',
      serverTime: 1565246363776,
      rateLimits: [],
      exchangeFilters: [],
      symbols: [
        {
          symbol: 'ETHBTC',
          status: 'TRADING',
          baseAsset: 'ETH',
          baseAssetPrecision: 8,
          quoteAsset: 'BTC',
          quotePrecision: 8,
          orderTypes: ['LIMIT', 'MARKET'],
          filters: [
            { filterType: 'PRICE_FILTER', minPrice: '0.00000100', maxPrice: '100000.00000000', tickSize: '0.00000100' },
            { filterType: 'LOT_SIZE', minQty: '0.00100000', maxQty: '100000.00000000', stepSize: '0.00100000' },
          ],
          permissionSets: [['SPOT', 'MARGIN']],
        },
        { symbol: 'OLDBTC', status: 'BREAK', baseAsset: 'OLD', quoteAsset: 'BTC', filters: [] },
        { symbol: 'BAD' },
      ],
    });
    const page = parseBinanceSpotExchangeInfo(body);
    expect(page.instruments).toEqual([
      { venue: 'binance-spot', symbol: 'ETHBTC', base: 'ETH', quote: 'BTC', kind: 'spot', tickSize: '0.000001' },
    ]);
    expect(page.skipped).toBe(1);
    expect(page.next).toBeNull();
  });

  it('reports an error body', () => {
    expect(parseBinanceSpotExchangeInfo('{"code":-1121,"msg":"Invalid symbol."}').error).toBe('-1121 Invalid symbol.');
    expect(parseBinanceSpotExchangeInfo('<html>').error).toMatch(/not an exchangeInfo/);
  });

  it('keeps USD-M perpetuals, not quarterlies', () => {
    const body = JSON.stringify({
      symbols: [
        {
          symbol: 'BLZUSDT',
          pair: 'BLZUSDT',
          contractType: 'PERPETUAL',
          status: 'TRADING',
          baseAsset: 'BLZ',
          quoteAsset: 'USDT',
          marginAsset: 'USDT',
          filters: [{ filterType: 'PRICE_FILTER', maxPrice: '300', minPrice: '0.0001', tickSize: '0.0001' }],
        },
        {
          symbol: 'BTCUSDT_260925',
          pair: 'BTCUSDT',
          contractType: 'CURRENT_QUARTER',
          status: 'TRADING',
          baseAsset: 'BTC',
          quoteAsset: 'USDT',
          filters: [],
        },
      ],
    });
    expect(parseBinanceUsdmExchangeInfo(body).instruments).toEqual([
      { venue: 'binance-usdm', symbol: 'BLZUSDT', base: 'BLZ', quote: 'USDT', kind: 'perp', tickSize: '0.0001' },
    ]);
  });
});

describe('Coinbase products', () => {
  it('parses online products with quote_increment as tick', () => {
    const body = JSON.stringify([
      {
        id: 'BTC-USD',
        base_currency: 'BTC',
        quote_currency: 'USD',
        quote_increment: '0.01000000',
        base_increment: '0.00000001',
        display_name: 'BTC/USD',
        min_market_funds: '10',
        margin_enabled: false,
        post_only: false,
        limit_only: false,
        cancel_only: false,
        status: 'online',
        status_message: '',
        trading_disabled: false,
        auction_mode: false,
      },
      { id: 'OLD-USD', base_currency: 'OLD', quote_currency: 'USD', status: 'delisted', trading_disabled: true },
    ]);
    expect(parseCoinbaseProducts(body).instruments).toEqual([
      { venue: 'coinbase', symbol: 'BTC-USD', base: 'BTC', quote: 'USD', kind: 'spot', tickSize: '0.01' },
    ]);
    expect(parseCoinbaseProducts('{"message":"Unauthorized."}').error).toBe('Unauthorized.');
  });
});

describe('Kraken AssetPairs', () => {
  it('maps wsname XBT to BTC (websocket v2 spelling) and keeps tick_size', () => {
    const body = JSON.stringify({
      error: [],
      result: {
        XETHXXBT: {
          altname: 'ETHXBT',
          wsname: 'ETH/XBT',
          aclass_base: 'currency',
          base: 'XETH',
          aclass_quote: 'currency',
          quote: 'XXBT',
          lot: 'unit',
          cost_decimals: 6,
          pair_decimals: 5,
          lot_decimals: 8,
          lot_multiplier: 1,
          fees: [[0, 0.26]],
          ordermin: '0.01',
          costmin: '0.00002',
          tick_size: '0.00001',
          status: 'online',
        },
        XXBTZUSD: {
          altname: 'XBTUSD',
          wsname: 'XBT/USD',
          base: 'XXBT',
          quote: 'ZUSD',
          pair_decimals: 1,
          status: 'online',
        },
        XDGUSD: {
          altname: 'XDGUSD',
          wsname: 'XDG/USD',
          base: 'XXDG',
          quote: 'ZUSD',
          tick_size: '0.0000001',
          status: 'online',
        },
        'XXBTZUSD.d': { altname: 'XBTUSD.d', base: 'XXBT', quote: 'ZUSD' },
      },
    });
    const page = parseKrakenAssetPairs(body);
    expect(page.instruments).toEqual([
      { venue: 'kraken', symbol: 'ETH/BTC', base: 'ETH', quote: 'BTC', kind: 'spot', tickSize: '0.00001' },
      { venue: 'kraken', symbol: 'BTC/USD', base: 'BTC', quote: 'USD', kind: 'spot', tickSize: '0.1' },
      { venue: 'kraken', symbol: 'DOGE/USD', base: 'DOGE', quote: 'USD', kind: 'spot', tickSize: '0.0000001' },
    ]);
    expect(page.skipped).toBe(1);
    expect(parseKrakenAssetPairs('{"error":["EGeneral:Too many requests"]}').error).toBe('EGeneral:Too many requests');
  });
});

describe('Bybit instruments-info', () => {
  it('parses spot', () => {
    const body = JSON.stringify({
      retCode: 0,
      retMsg: 'OK',
      result: {
        category: 'spot',
        list: [
          {
            symbol: 'BTCUSDT',
            baseCoin: 'BTC',
            quoteCoin: 'USDT',
            innovation: '0',
            status: 'Trading',
            marginTrading: 'both',
            lotSizeFilter: { basePrecision: '0.000001', quotePrecision: '0.00000001', minOrderQty: '0.000048' },
            priceFilter: { tickSize: '0.01' },
          },
        ],
      },
      retExtInfo: {},
      time: 1672712468011,
    });
    const page = parseBybitInstruments(body, 'spot');
    expect(page.instruments).toEqual([
      { venue: 'bybit-spot', symbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', kind: 'spot', tickSize: '0.01' },
    ]);
    expect(page.next).toBeNull();
  });

  it('pages linear by nextPageCursor and keeps perpetuals', () => {
    const body = JSON.stringify({
      retCode: 0,
      retMsg: 'OK',
      result: {
        category: 'linear',
        list: [
          {
            symbol: 'BTCUSDT',
            contractType: 'LinearPerpetual',
            status: 'Trading',
            baseCoin: 'BTC',
            quoteCoin: 'USDT',
            priceScale: '2',
            priceFilter: { minPrice: '0.10', maxPrice: '199999.80', tickSize: '0.10' },
            settleCoin: 'USDT',
          },
          {
            symbol: 'BTC-27MAR26',
            contractType: 'LinearFutures',
            status: 'Trading',
            baseCoin: 'BTC',
            quoteCoin: 'USDT',
          },
        ],
        nextPageCursor: 'first%3DBTCUSDT%26last%3DBTC-27MAR26',
      },
    });
    const page = parseBybitInstruments(body, 'linear');
    expect(page.instruments).toEqual([
      { venue: 'bybit-linear', symbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', kind: 'perp', tickSize: '0.1' },
    ]);
    expect(page.next).toBe('first%3DBTCUSDT%26last%3DBTC-27MAR26');
    expect(LISTING_SOURCES['bybit-linear']!.url('https://api.bybit.com', page.next)).toBe(
      'https://api.bybit.com/v5/market/instruments-info?category=linear&limit=1000&cursor=first%253DBTCUSDT%2526last%253DBTC-27MAR26',
    );
    const last = JSON.stringify({ retCode: 0, result: { list: [], nextPageCursor: '' } });
    expect(parseBybitInstruments(last, 'linear').next).toBeNull();
    expect(parseBybitInstruments('{"retCode":10001,"retMsg":"params error"}', 'linear').error).toBe(
      '10001 params error',
    );
  });
});

describe('OKX instruments', () => {
  const spot = {
    alias: '',
    baseCcy: 'BTC',
    category: '1',
    ctMult: '',
    ctType: '',
    ctVal: '',
    ctValCcy: '',
    instFamily: '',
    instId: 'BTC-USDT',
    instType: 'SPOT',
    lotSz: '0.00000001',
    minSz: '0.00001',
    quoteCcy: 'USDT',
    settleCcy: '',
    state: 'live',
    tickSz: '0.1',
    uly: '',
  };
  const swap = {
    instType: 'SWAP',
    instId: 'BTC-USDT-SWAP',
    uly: 'BTC-USDT',
    instFamily: 'BTC-USDT',
    baseCcy: '',
    quoteCcy: '',
    settleCcy: 'USDT',
    ctVal: '0.01',
    ctMult: '1',
    ctValCcy: 'BTC',
    ctType: 'linear',
    tickSz: '0.1',
    lotSz: '0.01',
    state: 'live',
  };

  it('parses SPOT and SWAP, SWAP with ctVal as contract value', () => {
    const page = parseOkxInstruments(JSON.stringify({ code: '0', msg: '', data: [spot, swap] }));
    expect(page.instruments).toEqual([
      { venue: 'okx', symbol: 'BTC-USDT', base: 'BTC', quote: 'USDT', kind: 'spot', tickSize: '0.1' },
      {
        venue: 'okx',
        symbol: 'BTC-USDT-SWAP',
        base: 'BTC',
        quote: 'USDT',
        kind: 'perp',
        contractValue: '0.01',
        tickSize: '0.1',
      },
    ]);
  });

  it('flags inverse swaps and walks SPOT then SWAP', () => {
    const inverse = {
      ...swap,
      instId: 'BTC-USD-SWAP',
      uly: 'BTC-USD',
      ctVal: '100',
      ctValCcy: 'USD',
      ctType: 'inverse',
    };
    expect(parseOkxInstruments(JSON.stringify({ code: '0', data: [inverse] })).instruments[0]).toMatchObject({
      inverse: true,
      contractValue: '100',
    });
    const source = LISTING_SOURCES.okx!;
    expect(source.url('https://www.okx.com', null)).toBe('https://www.okx.com/api/v5/public/instruments?instType=SPOT');
    const first = source.parse(JSON.stringify({ code: '0', data: [spot] }), null);
    expect(first.next).toBe('SWAP');
    expect(source.url('https://www.okx.com', first.next)).toBe(
      'https://www.okx.com/api/v5/public/instruments?instType=SWAP',
    );
    expect(source.parse(JSON.stringify({ code: '0', data: [swap] }), 'SWAP').next).toBeNull();
    expect(parseOkxInstruments('{"code":"51155","msg":"compliance","data":[]}').error).toBe('51155 compliance');
  });
});

describe('Bitstamp trading-pairs-info', () => {
  it('uses url_symbol upper-cased (the feed spelling) and counter_decimals as tick', () => {
    const body = JSON.stringify([
      {
        name: 'BTC/USD',
        url_symbol: 'btcusd',
        base_decimals: 8,
        counter_decimals: 0,
        instant_order_counter_decimals: 2,
        minimum_order: '10 USD',
        trading: 'Enabled',
        instant_and_market_orders: 'Enabled',
        description: 'Bitcoin / U.S. dollar',
      },
      { name: 'ETH/EUR', url_symbol: 'etheur', counter_decimals: 1, trading: 'Enabled' },
      { name: 'OLD/USD', url_symbol: 'oldusd', counter_decimals: 2, trading: 'Disabled' },
    ]);
    expect(parseBitstampPairs(body).instruments).toEqual([
      { venue: 'bitstamp', symbol: 'BTCUSD', base: 'BTC', quote: 'USD', kind: 'spot', tickSize: '1' },
      { venue: 'bitstamp', symbol: 'ETHEUR', base: 'ETH', quote: 'EUR', kind: 'spot', tickSize: '0.1' },
    ]);
  });
});

describe('decimal helpers', () => {
  it('canonicalises increments exactly', () => {
    expect(canonicalDecimal('0.01000000')).toBe('0.01');
    expect(canonicalDecimal('1.00')).toBe('1');
    expect(canonicalDecimal('10')).toBe('10');
    expect(canonicalDecimal('0.10')).toBe('0.1');
    expect(tickFromDecimals(0)).toBe('1');
    expect(tickFromDecimals(3)).toBe('0.001');
  });

  it('builds every listing URL from a base', () => {
    const urls = Object.values(LISTING_SOURCES).map((s) => s.url(s.defaultBase, null));
    expect(urls).toEqual([
      'https://api.binance.com/api/v3/exchangeInfo',
      'https://fapi.binance.com/fapi/v1/exchangeInfo',
      'https://api.exchange.coinbase.com/products',
      'https://api.kraken.com/0/public/AssetPairs',
      'https://api.bybit.com/v5/market/instruments-info?category=spot',
      'https://api.bybit.com/v5/market/instruments-info?category=linear&limit=1000',
      'https://www.okx.com/api/v5/public/instruments?instType=SPOT',
      'https://www.bitstamp.net/api/v2/trading-pairs-info/',
    ]);
  });
});
