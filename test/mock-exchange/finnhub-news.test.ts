import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finnhubNewsUrl, parseFinnhubNews, type FinnhubNewsRequest } from '../../src/core/news/finnhub-news';
import { MockExchange } from './server';
import { seedFinnhubNews } from './venues/finnhub-news';

let mock: MockExchange;
beforeAll(async () => {
  mock = await MockExchange.start();
  seedFinnhubNews(mock.venue('finnhub').news, Math.floor(Date.now() / 1000));
});
afterAll(async () => {
  await mock.stop();
});

const get = async (request: FinnhubNewsRequest, token = mock.venue('finnhub').token) => {
  const rest = mock.baseUrls().finnhub.rest;
  const url = finnhubNewsUrl(rest, request, token, mock.wsBase);
  const res = await fetch(url!);
  return { status: res.status, body: await res.text(), cors: res.headers.get('access-control-allow-origin') };
};

describe('mock Finnhub news', () => {
  it('serves market news by category and company news by symbol and dates, newest first', async () => {
    const crypto = await get({ kind: 'market', category: 'crypto' });
    expect(crypto.status).toBe(200);
    expect(crypto.cors).toBe('*');
    const parsed = parseFinnhubNews(crypto.body, { kind: 'market', category: 'crypto' }, Date.now());
    expect(parsed.rejected).toBe(0);
    expect(parsed.articles.map((a) => a.headline)[0]).toBe('Bitcoin surges to a record high as ETF inflows jump');
    expect(parsed.articles.every((a, i, all) => i === 0 || all[i - 1]!.timeMs >= a.timeMs)).toBe(true);
    // The hostile story arrives as text, and its javascript: link is dropped.
    const hostile = parsed.articles.find((a) => a.headline.includes('<img'))!;
    expect(hostile.url).toBeNull();

    const now = Date.now();
    const company = { kind: 'company', symbol: 'AAPL', fromMs: now - 86_400_000, toMs: now } as const;
    const aapl = parseFinnhubNews((await get(company)).body, company, now);
    expect(aapl.articles.map((a) => a.headline)).toEqual(['Apple beats estimates and raises guidance']);
    expect(aapl.articles[0]!.symbols).toEqual(['AAPL']);
    const old = { ...company, fromMs: now - 10 * 86_400_000, toMs: now - 5 * 86_400_000 };
    expect(JSON.parse((await get(old)).body)).toEqual([]);
  });

  it('refuses a wrong token with 401 and answers 429 past the per-minute limit', async () => {
    const news = mock.venue('finnhub').news;
    expect((await get({ kind: 'market', category: 'general' }, 'wrong')).status).toBe(401);
    news.perMinute = news.calls.filter((c) => c.atMs > Date.now() - 60_000).length + 1;
    expect((await get({ kind: 'market', category: 'general' })).status).toBe(200);
    const limited = await get({ kind: 'market', category: 'general' });
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.body)).toEqual({ error: 'API limit reached. Please try again later.' });
    news.perMinute = null;
    expect(news.calls.every((c) => !c.query.includes(mock.venue('finnhub').token))).toBe(true);
  });
});
