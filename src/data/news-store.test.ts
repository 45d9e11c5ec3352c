import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScoredArticle } from '../core/news/news-article';
import { TapewatchDb } from './db';
import { NEWS_MAX_ARTICLES, NEWS_RETENTION_MS, NewsStore } from './news-store';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 2);
let n = 0;
const dbs: TapewatchDb[] = [];
function open(): TapewatchDb {
  const db = new TapewatchDb(`news-store-${n++}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

const article = (id: number, timeMs: number, symbols: string[] = []): ScoredArticle => ({
  id: `finnhub:${id}`,
  provider: 'finnhub',
  source: 'Reuters',
  headline: `Headline ${id}`,
  summary: '',
  url: `https://news.example/${id}`,
  timeMs,
  symbols,
  category: 'general',
  score: 0.5,
  label: 'positive',
});

describe('NewsStore', () => {
  it('stores articles once by provider id, keeps the first fetch time, reads by time and ticker', async () => {
    const store = new NewsStore(open());
    expect(await store.put([article(1, NOW - 3_000, ['AAPL']), article(2, NOW - 1_000)], NOW)).toBe(2);
    expect(await store.put([{ ...article(1, NOW - 3_000, ['AAPL']), score: -0.2 }], NOW + 60_000)).toBe(0);
    const recent = await store.recent(0);
    expect(recent.map((a) => a.id)).toEqual(['finnhub:2', 'finnhub:1']);
    expect(recent[1]).toMatchObject({ score: -0.2, fetchedAtMs: NOW });
    expect((await store.related('AAPL', 0)).map((a) => a.id)).toEqual(['finnhub:1']);
    expect(await store.related('MSFT', 0)).toEqual([]);
  });

  it('replaces a series per instrument and timeframe', async () => {
    const store = new NewsStore(open());
    const bar = { openTimeMs: NOW, score: 0.3, articles: 2, surprise: 0.1 };
    await store.putSeries('finnhub:AAPL', '1m', [bar, { ...bar, openTimeMs: NOW + 60_000 }]);
    await store.putSeries('finnhub:AAPL', '5m', [bar]);
    await store.putSeries('finnhub:AAPL', '1m', [{ ...bar, score: -0.5 }]);
    expect(await store.series('finnhub:AAPL', '1m')).toEqual([{ ...bar, score: -0.5 }]);
    expect(await store.series('finnhub:AAPL', '5m')).toEqual([bar]);
    expect(await store.series('finnhub:TSLA', '1m')).toEqual([]);
  });

  it('evicts articles and sentiment bars past retention, and the oldest past the count cap', async () => {
    const db = open();
    const store = new NewsStore(db);
    await store.put([article(1, NOW - NEWS_RETENTION_MS - DAY), article(2, NOW - DAY)], NOW);
    await store.putSeries('x', '1h', [
      { openTimeMs: NOW - NEWS_RETENTION_MS - DAY, score: 0, articles: 1, surprise: 0 },
      { openTimeMs: NOW - DAY, score: 0, articles: 1, surprise: 0 },
    ]);
    expect(await store.evict(NOW)).toBe(1);
    expect((await store.recent(0)).map((a) => a.id)).toEqual(['finnhub:2']);
    expect((await store.series('x', '1h')).map((b) => b.openTimeMs)).toEqual([NOW - DAY]);

    const many = Array.from({ length: NEWS_MAX_ARTICLES + 3 }, (_, i) => article(100 + i, NOW - 10 * DAY + i));
    await store.put(many, NOW);
    expect(await store.evict(NOW)).toBe(4);
    expect(await db.newsArticles.count()).toBe(NEWS_MAX_ARTICLES);
    expect(await db.newsArticles.get('finnhub:100')).toBeUndefined();
  });
});
