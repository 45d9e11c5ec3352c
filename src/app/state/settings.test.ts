import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  maskToken,
  normaliseInstrumentKey,
  parseInstrumentList,
  settingsFromQuery,
  settingsFromStored,
} from './settings';

describe('settings', () => {
  it('reads v1 rows (Binance symbols and endpoints) and v2 rows with instruments', () => {
    expect(
      settingsFromStored({
        mode: 'live',
        symbols: ['BTCUSDT', 'ETHUSDT'],
        binanceSpotWs: 'wss://proxy.example/binance',
        binanceSpotRest: 'https://api.binance.com',
      }),
    ).toEqual({
      mode: 'live',
      instruments: ['binance-spot:BTCUSDT', 'binance-spot:ETHUSDT'],
      endpoints: { 'binance-spot': { ws: 'wss://proxy.example/binance' } },
      finnhubToken: '',
    });
    // v2 migration: instruments beside the legacy symbols; defaults are not kept as overrides.
    expect(
      settingsFromStored({
        mode: 'auto',
        symbols: ['BTCUSDT'],
        instruments: ['binance-spot:BTCUSDT', 'kraken:btc/usd', 'nowhere:X'],
        binanceSpotWs: 'wss://stream.binance.com:9443',
        binanceSpotRest: 'https://api.binance.com',
        finnhubToken: 'abc',
      }),
    ).toEqual({
      mode: 'auto',
      instruments: ['binance-spot:BTCUSDT', 'kraken:BTC/USD'],
      endpoints: {},
      finnhubToken: 'abc',
    });
    expect(settingsFromStored(null)).toEqual(DEFAULT_SETTINGS);
  });

  it('takes instruments and per-venue endpoints from the query, and the older Binance form', () => {
    const q = new URLSearchParams({
      feed: 'live',
      instruments: 'binance-spot:BTCUSDT,kraken:BTC/USD,finnhub:OANDA:EUR_USD,bogus',
      'endpoint.kraken.ws': 'ws://127.0.0.1:9/kraken',
      'endpoint.kraken.rest': 'http://127.0.0.1:9/kraken',
      'endpoint.nowhere.ws': 'ws://x',
      'binance-ws': 'ws://127.0.0.1:9',
      'finnhub-token': 'leak',
    });
    expect(settingsFromQuery(DEFAULT_SETTINGS, q)).toEqual({
      mode: 'live',
      instruments: ['binance-spot:BTCUSDT', 'kraken:BTC/USD', 'finnhub:OANDA:EUR_USD'],
      endpoints: {
        'binance-spot': { ws: 'ws://127.0.0.1:9' },
        kraken: { ws: 'ws://127.0.0.1:9/kraken', rest: 'http://127.0.0.1:9/kraken' },
      },
      finnhubToken: '',
    });
    const legacy = settingsFromQuery(
      DEFAULT_SETTINGS,
      new URLSearchParams({ symbols: 'btcusdt,SOLUSDT', 'binance-rest': 'http://127.0.0.1:9' }),
    );
    expect(legacy?.instruments).toEqual(['binance-spot:BTCUSDT', 'binance-spot:SOLUSDT']);
    expect(legacy?.endpoints).toEqual({ 'binance-spot': { rest: 'http://127.0.0.1:9' } });
    // An empty value clears an override; no recognised parameter: nothing to save.
    const cleared = settingsFromQuery(
      { ...DEFAULT_SETTINGS, endpoints: { okx: { ws: 'wss://proxy/okx' } } },
      new URLSearchParams({ 'endpoint.okx.ws': '' }),
    );
    expect(cleared?.endpoints).toEqual({});
    expect(settingsFromQuery(DEFAULT_SETTINGS, new URLSearchParams({ other: '1' }))).toBeNull();
  });

  it('normalises instrument keys and masks tokens', () => {
    expect(normaliseInstrumentKey(' okx:btc-usdt-swap ')).toBe('okx:BTC-USDT-SWAP');
    expect(normaliseInstrumentKey('demo:BTCUSDT')).toBeNull();
    expect(normaliseInstrumentKey('kraken:')).toBeNull();
    expect(parseInstrumentList('coinbase:BTC-USD, coinbase:btc-usd\nbitstamp:btcusd')).toEqual([
      'coinbase:BTC-USD',
      'bitstamp:BTCUSD',
    ]);
    expect(maskToken('')).toBe('none');
    expect(maskToken('abcdef123')).toBe('••••23');
    expect(maskToken('abc')).toBe('••••');
  });
});
