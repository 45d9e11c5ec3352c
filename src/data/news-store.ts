import type { TimeframeId } from '../core/candles/timeframe';
import type { ScoredArticle } from '../core/news/news-article';
import type { SentimentBar } from '../core/news/sentiment-series';
import type { TapewatchDb } from './db';
import type { StoredNewsArticle, StoredSentimentBar } from './news-types';

/** Articles older than this (by publication time) are deleted; the sentiment bars with them. */
export const NEWS_RETENTION_MS = 14 * 86_400_000;
/** At most this many articles are kept, newest first (a busy feed cannot fill the quota). */
export const NEWS_MAX_ARTICLES = 5_000;

export class NewsStore {
  constructor(private readonly db: TapewatchDb) {}

  /** Stores articles; one already stored (same provider id) keeps its first fetch time. Returns how many were new. */
  async put(articles: readonly ScoredArticle[], nowMs: number): Promise<number> {
    if (articles.length === 0) return 0;
    return this.db.transaction('rw', this.db.newsArticles, async () => {
      const known = await this.db.newsArticles.bulkGet(articles.map((a) => a.id));
      const rows: StoredNewsArticle[] = articles.map((a, i) => ({ ...a, fetchedAtMs: known[i]?.fetchedAtMs ?? nowMs }));
      await this.db.newsArticles.bulkPut(rows);
      return known.filter((k) => k === undefined).length;
    });
  }

  /** Newest first, published at or after `sinceMs`. */
  async recent(sinceMs: number, limit = 500): Promise<StoredNewsArticle[]> {
    return this.db.newsArticles.where('timeMs').aboveOrEqual(sinceMs).reverse().limit(limit).toArray();
  }

  /** Articles the provider relates to `ticker`, newest first. */
  async related(ticker: string, sinceMs: number): Promise<StoredNewsArticle[]> {
    const rows = await this.db.newsArticles.where('symbols').equals(ticker).toArray();
    return rows.filter((r) => r.timeMs >= sinceMs).sort((a, b) => b.timeMs - a.timeMs);
  }

  /** Replaces an instrument's stored series on one timeframe. */
  async putSeries(instrument: string, timeframe: TimeframeId, bars: readonly SentimentBar[]): Promise<void> {
    const table = this.db.newsSentiment;
    await this.db.transaction('rw', table, async () => {
      await table
        .where('[instrument+timeframe+openTimeMs]')
        .between([instrument, timeframe, -Infinity], [instrument, timeframe, Infinity])
        .delete();
      const rows: StoredSentimentBar[] = bars.map((b) => ({ ...b, instrument, timeframe }));
      await table.bulkPut(rows);
    });
  }

  async series(instrument: string, timeframe: TimeframeId): Promise<SentimentBar[]> {
    const rows = await this.db.newsSentiment
      .where('[instrument+timeframe+openTimeMs]')
      .between([instrument, timeframe, -Infinity], [instrument, timeframe, Infinity])
      .toArray();
    return rows.map(({ openTimeMs, score, articles, surprise }) => ({ openTimeMs, score, articles, surprise }));
  }

  /** Deletes what retention no longer keeps; returns how many articles went. */
  async evict(nowMs: number): Promise<number> {
    const cutoff = nowMs - NEWS_RETENTION_MS;
    return this.db.transaction('rw', this.db.newsArticles, this.db.newsSentiment, async () => {
      let removed = await this.db.newsArticles.where('timeMs').below(cutoff).delete();
      await this.db.newsSentiment.where('openTimeMs').below(cutoff).delete();
      const count = await this.db.newsArticles.count();
      if (count > NEWS_MAX_ARTICLES) {
        const oldest = await this.db.newsArticles
          .orderBy('timeMs')
          .limit(count - NEWS_MAX_ARTICLES)
          .primaryKeys();
        await this.db.newsArticles.bulkDelete(oldest);
        removed += oldest.length;
      }
      return removed;
    });
  }
}
