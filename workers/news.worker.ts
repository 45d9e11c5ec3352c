/// <reference lib="webworker" />
import { expose } from 'comlink';
import { finnhubNewsUrl, parseFinnhubNews, type FinnhubNewsRequest } from '../src/core/news/finnhub-news';
import type { NewsArticle, ScoredArticle } from '../src/core/news/news-article';
import { scoreText, type TextSentiment } from '../src/core/sentiment/score-text';

/** Where Finnhub's REST is and what may be sent there (the rules are in `finnhubNewsUrl`). */
export interface NewsAccess {
  readonly restBase: string;
  readonly token: string | undefined;
  readonly tokenOrigin: string | undefined;
}

export type NewsFetchStatus = 'ok' | 'rate-limited' | 'refused' | 'no-token' | 'failed';

export interface NewsFetchResult {
  readonly status: NewsFetchStatus;
  readonly articles: ScoredArticle[];
  /** Items the provider sent that were not articles (no id, headline or time). */
  readonly rejected: number;
  /** For the user: never holds the request URL (it carries the token). */
  readonly detail: string;
}

const FETCH_TIMEOUT_MS = 15_000;

function scoreArticle(article: NewsArticle): ScoredArticle {
  // The headline carries the news; summaries are often boilerplate and are not scored.
  const { score, label } = scoreText(article.headline);
  return { ...article, score, label };
}

const api = {
  /** Sentiment of texts with the same scorer as `npm run cli -- sentiment`. */
  score(texts: readonly string[]): TextSentiment[] {
    return texts.map(scoreText);
  },

  scoreArticles(articles: readonly NewsArticle[]): ScoredArticle[] {
    return articles.map(scoreArticle);
  },

  /** One Finnhub news request: fetched, parsed as plain text, scored. */
  async fetchNews(request: FinnhubNewsRequest, access: NewsAccess): Promise<NewsFetchResult> {
    const url = finnhubNewsUrl(access.restBase, request, access.token, access.tokenOrigin);
    if (url === null)
      return { status: 'no-token', articles: [], rejected: 0, detail: 'no Finnhub token for this host' };
    let response: Response;
    try {
      // No cookies or referrer: the token in the query is the only credential.
      response = await fetch(url, {
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
    } catch (error) {
      const name = error instanceof Error ? error.name : 'error';
      return {
        status: 'failed',
        articles: [],
        rejected: 0,
        detail: name === 'TimeoutError' ? 'timed out' : 'unreachable',
      };
    }
    if (response.status === 429) return { status: 'rate-limited', articles: [], rejected: 0, detail: 'HTTP 429' };
    if (response.status === 401 || response.status === 403) {
      return { status: 'refused', articles: [], rejected: 0, detail: `token refused (HTTP ${response.status})` };
    }
    if (!response.ok) return { status: 'failed', articles: [], rejected: 0, detail: `HTTP ${response.status}` };
    try {
      const { articles, rejected } = parseFinnhubNews(await response.text(), request, Date.now());
      return { status: 'ok', articles: articles.map(scoreArticle), rejected, detail: '' };
    } catch {
      return { status: 'failed', articles: [], rejected: 0, detail: 'answer is not a news list' };
    }
  },
};

export type NewsWorkerApi = typeof api;

expose(api);
