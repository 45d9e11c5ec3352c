import { describe, expect, it } from 'vitest';
import { finnhubNewsUrl, newsTokenAllowedFor, parseFinnhubNews, safeLink } from './finnhub-news';

const NOW = Date.UTC(2026, 11, 2, 12);

describe('Finnhub news requests', () => {
  it('builds market and company news URLs with the token for Finnhub itself', () => {
    expect(finnhubNewsUrl('https://finnhub.io/api/v1', { kind: 'market', category: 'crypto' }, 'tk', undefined)).toBe(
      'https://finnhub.io/api/v1/news?category=crypto&token=tk',
    );
    expect(
      finnhubNewsUrl(
        'https://finnhub.io/api/v1/',
        { kind: 'company', symbol: 'AAPL', fromMs: Date.UTC(2026, 10, 25), toMs: NOW },
        'a b&',
        undefined,
      ),
    ).toBe('https://finnhub.io/api/v1/company-news?symbol=AAPL&from=2026-11-25&to=2026-12-02&token=a%20b%26');
  });

  it('sends the token elsewhere only to the server the user allowed it to reach', () => {
    expect(newsTokenAllowedFor('https://proxy.example/finnhub', undefined)).toBe(false);
    expect(newsTokenAllowedFor('https://proxy.example/finnhub', 'wss://proxy.example')).toBe(true);
    expect(newsTokenAllowedFor('http://127.0.0.1:9/finnhub/api/v1', 'ws://127.0.0.1:9')).toBe(true);
    expect(newsTokenAllowedFor('http://127.0.0.1:9/finnhub/api/v1', 'ws://127.0.0.1:8')).toBe(false);
    expect(newsTokenAllowedFor('https://evil.example/api', 'wss://proxy.example')).toBe(false);
    // No token, no request: Finnhub's news needs it.
    expect(finnhubNewsUrl('https://evil.example', { kind: 'market', category: 'general' }, 'tk', undefined)).toBeNull();
    expect(
      finnhubNewsUrl('https://finnhub.io/api/v1', { kind: 'market', category: 'general' }, '', undefined),
    ).toBeNull();
  });
});

describe('parseFinnhubNews', () => {
  const item = {
    category: 'technology',
    datetime: 1764676800,
    headline: 'Apple beats estimates <script>alert(1)</script>',
    id: 7001,
    image: 'https://img.example/a.jpg',
    related: 'AAPL, msft',
    source: 'Reuters',
    summary: 'Line one\nline two',
    url: 'https://news.example/a?b=1',
  };

  it('keeps Finnhub fields as plain text, times in ms, related tickers upper case', () => {
    const { articles, rejected } = parseFinnhubNews(
      JSON.stringify([item]),
      { kind: 'market', category: 'general' },
      NOW,
    );
    expect(rejected).toBe(0);
    expect(articles).toEqual([
      {
        id: 'finnhub:7001',
        provider: 'finnhub',
        source: 'Reuters',
        headline: 'Apple beats estimates <script>alert(1)</script>',
        summary: 'Line one line two',
        url: 'https://news.example/a?b=1',
        timeMs: 1764676800000,
        symbols: ['AAPL', 'MSFT'],
        category: 'technology',
      },
    ]);
  });

  it('company news is related to its symbol even when "related" is empty', () => {
    const { articles } = parseFinnhubNews(
      JSON.stringify([{ ...item, related: '' }]),
      { kind: 'company', symbol: 'tsla', fromMs: 0, toMs: NOW },
      NOW,
    );
    expect(articles[0]).toMatchObject({ symbols: ['TSLA'], category: 'company' });
  });

  it('counts malformed items and drops links that are not web links', () => {
    const body = JSON.stringify([
      { ...item, id: undefined },
      { ...item, headline: '  ' },
      { ...item, datetime: 'yesterday' },
      { ...item, datetime: NOW / 1000 + 3 * 86_400 },
      null,
      { ...item, id: 2, url: 'javascript:alert(1)' },
    ]);
    const { articles, rejected } = parseFinnhubNews(body, { kind: 'market', category: 'general' }, NOW);
    expect(rejected).toBe(5);
    expect(articles).toHaveLength(1);
    expect(articles[0]!.url).toBeNull();
    expect(() => parseFinnhubNews('{"error":"x"}', { kind: 'market', category: 'general' }, NOW)).toThrow(
      'not an array',
    );
  });

  it('safeLink admits http(s) only', () => {
    expect(safeLink('https://a.example/x')).toBe('https://a.example/x');
    expect(safeLink('http://a.example:8080/x?y#z')).toBe('http://a.example:8080/x?y#z');
    for (const bad of ['data:text/html,x', 'javascript:alert(1)', '//a.example', 'https://a.example/"onclick', 42]) {
      expect(safeLink(bad)).toBeNull();
    }
  });
});
