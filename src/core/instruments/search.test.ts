import { describe, expect, it } from 'vitest';
import { LIVE_VENUES } from '../exchange/registry';
import { keyOf, type Instrument } from './instrument';
import { searchInstruments } from './search';
import { SHIPPED_INSTRUMENTS } from './shipped';
import { demoSymbolFor, guessBaseQuote } from './symbols';

const all: Instrument[] = LIVE_VENUES.flatMap((v) => SHIPPED_INSTRUMENTS[v]);
const extra: Instrument[] = [
  { venue: 'binance-spot', symbol: 'BTCEUR', base: 'BTC', quote: 'EUR', kind: 'spot' },
  { venue: 'binance-spot', symbol: 'WBTCUSDT', base: 'WBTC', quote: 'USDT', kind: 'spot' },
  { venue: 'binance-spot', symbol: 'ETHBTC', base: 'ETH', quote: 'BTC', kind: 'spot' },
  { venue: 'kraken', symbol: 'BTC/USDC', base: 'BTC', quote: 'USDC', kind: 'spot' },
];
const catalogue = [...extra, ...all];

describe('searchInstruments', () => {
  it('"btc" finds BTC on every venue, spot USD/USDT markets first in venue order', () => {
    const keys = searchInstruments(catalogue, 'btc').map(keyOf);
    expect(keys.slice(0, 7)).toEqual([
      'binance-spot:BTCUSDT',
      'coinbase:BTC-USD',
      'kraken:BTC/USD',
      'bybit-spot:BTCUSDT',
      'okx:BTC-USDT',
      'bitstamp:BTCUSD',
      'finnhub:BINANCE:BTCUSDT',
    ]);
    // Then the perpetuals, then other quotes, then prefixes and substrings.
    expect(keys.slice(7, 10)).toEqual(['binance-usdm:BTCUSDT', 'bybit-linear:BTCUSDT', 'okx:BTC-USDT-SWAP']);
    expect(keys.indexOf('kraken:BTC/USDC')).toBeLessThan(keys.indexOf('binance-spot:BTCEUR'));
    expect(keys.indexOf('binance-spot:BTCEUR')).toBeLessThan(keys.indexOf('binance-spot:ETHBTC'));
    expect(keys.indexOf('binance-spot:WBTCUSDT')).toBeGreaterThan(keys.indexOf('binance-spot:BTCEUR'));
    expect(keys).not.toContain('binance-spot:ETHUSDT');
  });

  it('a "venue:SYMBOL" query (the picker example) searches that venue only', () => {
    expect(searchInstruments(catalogue, 'kraken:BTC/USD').map(keyOf)[0]).toBe('kraken:BTC/USD');
    const okx = searchInstruments(catalogue, 'okx:btc').map(keyOf);
    expect(okx.length).toBeGreaterThan(0);
    expect(okx.every((k) => k.startsWith('okx:'))).toBe(true);
    // Finnhub symbols carry their own colon: "BINANCE:BTCUSDT" is not a venue prefix.
    expect(searchInstruments(catalogue, 'BINANCE:BTCUSDT').map(keyOf)).toContain('finnhub:BINANCE:BTCUSDT');
  });

  it('maps Kraken legacy XBT and matches a pair in any spelling', () => {
    expect(searchInstruments(catalogue, 'xbt').map(keyOf)[0]).toBe('binance-spot:BTCUSDT');
    expect(searchInstruments(catalogue, 'btc/usd').map(keyOf).slice(0, 3)).toEqual([
      'coinbase:BTC-USD',
      'kraken:BTC/USD',
      'bitstamp:BTCUSD',
    ]);
    expect(searchInstruments(catalogue, 'btc-usdt-swap').map(keyOf)[0]).toBe('okx:BTC-USDT-SWAP');
    expect(searchInstruments(catalogue, 'btcusd').map(keyOf)[0]).toBe('coinbase:BTC-USD');
  });

  it('finds stocks by ticker and name; empty query finds nothing; limit applies', () => {
    expect(searchInstruments(catalogue, 'aapl').map(keyOf)).toEqual(['finnhub:AAPL']);
    expect(searchInstruments(catalogue, 'apple').map(keyOf)).toEqual(['finnhub:AAPL']);
    expect(searchInstruments(catalogue, '  ')).toEqual([]);
    expect(searchInstruments(catalogue, 'btc', 3)).toHaveLength(3);
  });
});

describe('symbols', () => {
  it('guesses base and quote from any venue spelling', () => {
    expect(guessBaseQuote('BTCUSDT')).toEqual({ base: 'BTC', quote: 'USDT' });
    expect(guessBaseQuote('XBT/USD')).toEqual({ base: 'BTC', quote: 'USD' });
    expect(guessBaseQuote('BTC-USDT-SWAP')).toEqual({ base: 'BTC', quote: 'USDT' });
    expect(guessBaseQuote('BINANCE:ETHUSDT')).toEqual({ base: 'ETH', quote: 'USDT' });
    expect(guessBaseQuote('OANDA:EUR_USD')).toEqual({ base: 'EUR', quote: 'USD' });
    expect(guessBaseQuote('btcusd')).toEqual({ base: 'BTC', quote: 'USD' });
    expect(guessBaseQuote('AAPL')).toEqual({ base: 'AAPL', quote: 'USD' });
  });

  it('maps watched instruments to the demo market', () => {
    expect(demoSymbolFor('kraken:XBT/USD')).toBe('BTCUSDT');
    expect(demoSymbolFor('okx:ETH-USDT-SWAP')).toBe('ETHUSDT');
    expect(demoSymbolFor('binance-spot:SOLUSDT')).toBe('SOLUSDT');
    expect(demoSymbolFor('finnhub:AAPL')).toBeNull();
    expect(demoSymbolFor('nonsense')).toBeNull();
  });
});
