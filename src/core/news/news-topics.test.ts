import { describe, expect, it } from 'vitest';
import type { NewsArticle } from './news-article';
import { finnhubRequestsFor, isAbout, newsTopic } from './news-topics';

const article = (headline: string, symbols: string[] = [], category = 'crypto'): NewsArticle => ({
  id: 'finnhub:1',
  provider: 'finnhub',
  source: 'x',
  headline,
  summary: '',
  url: null,
  timeMs: 0,
  symbols,
  category,
});

describe('news topics', () => {
  it('names stocks, forex and crypto from instrument keys', () => {
    expect(newsTopic('finnhub:AAPL')).toMatchObject({ ticker: 'AAPL', kind: 'stock' });
    expect(newsTopic('finnhub:OANDA:EUR_USD')).toMatchObject({ ticker: 'EUR', kind: 'forex' });
    expect(newsTopic('finnhub:BINANCE:BTCUSDT')).toMatchObject({ ticker: 'BTC', kind: 'crypto' });
    expect(newsTopic('kraken:XBT/USD')).toMatchObject({ ticker: 'BTC', names: ['btc', 'bitcoin'] });
    expect(newsTopic('nonsense')).toBeNull();
  });

  it('plans market news per kind and company news per stock', () => {
    const topics = ['finnhub:AAPL', 'binance-spot:BTCUSDT', 'finnhub:AAPL'].map((k) => newsTopic(k)!);
    const requests = finnhubRequestsFor(topics, Date.UTC(2026, 0, 8));
    expect(requests.map((r) => (r.kind === 'market' ? r.category : r.symbol))).toEqual(['general', 'crypto', 'AAPL']);
  });

  it('matches articles by related ticker, and crypto by name in the headline (whole words)', () => {
    const btc = newsTopic('binance-spot:BTCUSDT')!;
    expect(isAbout(article('Bitcoin jumps'), btc)).toBe(true);
    expect(isAbout(article('BTC miners sell'), btc)).toBe(true);
    expect(isAbout(article('Bitcoiners gather'), btc)).toBe(false);
    expect(isAbout(article('Ether slides'), btc)).toBe(false);
    const aapl = newsTopic('finnhub:AAPL')!;
    expect(isAbout(article('Apple beats', ['AAPL'], 'company'), aapl)).toBe(true);
    expect(isAbout(article('aapl mentioned in passing', [], 'general'), aapl)).toBe(false);
  });
});
