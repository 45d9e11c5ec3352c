import type { ScoredArticle } from '../core/news/news-article';
import type { SentimentBar } from '../core/news/sentiment-series';

/** A scored article as stored (schema v6, table `newsArticles`). */
export interface StoredNewsArticle extends ScoredArticle {
  /** When this browser fetched it: retention never drops what was just fetched. */
  readonly fetchedAtMs: number;
}

/** One bar of an instrument's sentiment series (table `newsSentiment`). */
export interface StoredSentimentBar extends SentimentBar {
  readonly instrument: string;
  readonly timeframe: string;
}
