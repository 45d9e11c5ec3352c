import { describe, expect, it } from 'vitest';
import type { Quote, Trade } from './types';
import { validateQuote, validateTrade } from './validate';

const NOW = Date.UTC(2026, 6, 1);
const T = NOW - 60_000;
const trade = (over: Partial<Record<keyof Trade, unknown>>): Trade =>
  ({
    venue: 'binance-spot',
    symbol: 'BTCUSDT',
    id: 7,
    timeMs: T,
    price: '100.5',
    size: '0.25',
    side: 'buy',
    ...over,
  }) as Trade;
const quote = (over: Partial<Record<keyof Quote, unknown>>): Quote =>
  ({
    venue: 'kraken',
    symbol: 'BTC/USD',
    timeMs: T,
    bid: '100.1',
    bidSize: '2',
    ask: '100.2',
    askSize: '0',
    ...over,
  }) as Quote;

const reasonOf = (v: { ok: true } | { ok: false; reason: string }) => (v.ok ? 'ok' : v.reason);

describe('validateTrade', () => {
  it('accepts a normal trade, with or without an id, and real symbol spellings', () => {
    expect(reasonOf(validateTrade(trade({}), NOW))).toBe('ok');
    expect(reasonOf(validateTrade(trade({ id: undefined }), NOW))).toBe('ok');
    expect(reasonOf(validateTrade(trade({ id: 0 }), NOW))).toBe('ok');
    expect(reasonOf(validateTrade(trade({ id: 2 ** 53 - 1, firstId: 5 }), NOW))).toBe('ok');
    for (const symbol of [
      'BTC-USDT-SWAP',
      'BTC/USD',
      'BINANCE:BTCUSDT',
      'OANDA:EUR_USD',
      'BRK.B',
      'IC MARKETS:1',
      '币安人生USDT',
    ]) {
      expect(reasonOf(validateTrade(trade({ symbol }), NOW)), symbol).toBe('ok');
    }
  });

  it('refuses ids that are not exact non-negative integers, so none skips dedup', () => {
    for (const id of [0.1, -1, -1e308, 1e308, Infinity, -Infinity, NaN, 2 ** 64, 2 ** 53, '7', null]) {
      expect(reasonOf(validateTrade(trade({ id }), NOW)), String(id)).toBe('bad-id');
    }
    expect(reasonOf(validateTrade(trade({ id: 5, firstId: 6 }), NOW))).toBe('bad-id');
    expect(reasonOf(validateTrade(trade({ id: 5, firstId: -1 }), NOW))).toBe('bad-id');
    expect(reasonOf(validateTrade(trade({ id: undefined, firstId: 1 }), NOW))).toBe('bad-id');
  });

  it('refuses empty, over-long, ill-formed and reserved symbols', () => {
    for (const symbol of [
      '',
      'A'.repeat(41),
      'A'.repeat(100_000),
      '__proto__',
      'constructor',
      'hasOwnProperty',
      ' BTC',
      'BTC ',
      'a<b>',
      'BTC"USD',
      '\u0000',
      7,
    ]) {
      expect(reasonOf(validateTrade(trade({ symbol }), NOW)), String(symbol).slice(0, 20)).toBe('bad-symbol');
    }
    const long = validateTrade(trade({ symbol: 'A'.repeat(100_000) }), NOW);
    expect(long.ok === false && long.detail.length).toBeLessThan(200);
  });

  it('refuses prices and sizes that are not plain positive decimals', () => {
    for (const price of ['0x10', '１２', '1e5', '+1', '-1', '0', '.5', '1.', 'NaN', '', ' 1', 1]) {
      expect(reasonOf(validateTrade(trade({ price }), NOW)), String(price)).toBe('bad-price');
    }
    for (const size of ['0', '-0.1', '١٢٣', 'Infinity', 2]) {
      expect(reasonOf(validateTrade(trade({ size }), NOW)), String(size)).toBe('bad-size');
    }
  });

  it('refuses times that are not believable epoch ms', () => {
    for (const timeMs of [0, null, NaN, Infinity, -1, 1_000_000, NOW + 25 * 3_600_000, '1700000000000']) {
      expect(reasonOf(validateTrade(trade({ timeMs }), NOW)), String(timeMs)).toBe('bad-time');
    }
  });
});

describe('validateQuote', () => {
  it('accepts a normal quote, a locked one and an emptied level', () => {
    expect(reasonOf(validateQuote(quote({}), NOW))).toBe('ok');
    expect(reasonOf(validateQuote(quote({ ask: '100.1' }), NOW))).toBe('ok');
  });

  it('refuses what the app used to store and show raw', () => {
    expect(reasonOf(validateQuote(quote({ bid: '0x10' }), NOW))).toBe('bad-price');
    expect(reasonOf(validateQuote(quote({ ask: '１２' }), NOW))).toBe('bad-price');
    expect(reasonOf(validateQuote(quote({ bid: '0' }), NOW))).toBe('bad-price');
    expect(reasonOf(validateQuote(quote({ bid: '-1' }), NOW))).toBe('bad-price');
    expect(reasonOf(validateQuote(quote({ bidSize: '-1' }), NOW))).toBe('bad-size');
    expect(reasonOf(validateQuote(quote({ askSize: 'lots' }), NOW))).toBe('bad-size');
    expect(reasonOf(validateQuote(quote({ ask: '100.0' }), NOW))).toBe('crossed-quote');
    for (const timeMs of [null, NaN, 0, Infinity]) {
      expect(reasonOf(validateQuote(quote({ timeMs }), NOW)), String(timeMs)).toBe('bad-time');
    }
    expect(reasonOf(validateQuote(quote({ symbol: 'X'.repeat(100) }), NOW))).toBe('bad-symbol');
    expect(reasonOf(validateQuote(quote({ symbol: '__proto__' }), NOW))).toBe('bad-symbol');
  });
});
