import { originOf } from '../feed/endpoint-policy';
import type { NewsArticle } from './news-article';

/** Finnhub's REST origin: the token may always go here. */
export const FINNHUB_REST_ORIGIN = 'https://finnhub.io';

/** Market news categories Finnhub serves (`GET /news?category=`). */
export const FINNHUB_NEWS_CATEGORIES = ['general', 'forex', 'crypto', 'merger'] as const;
export type FinnhubNewsCategory = (typeof FINNHUB_NEWS_CATEGORIES)[number];

/** What to fetch: market news of a category, or one company's news over a date range. */
export type FinnhubNewsRequest =
  | { readonly kind: 'market'; readonly category: FinnhubNewsCategory; readonly minId?: number }
  | { readonly kind: 'company'; readonly symbol: string; readonly fromMs: number; readonly toMs: number };

/** `ws:`→`http:`, `wss:`→`https:`: the opt-in names the socket's origin; its REST is the same server. */
function httpOrigin(origin: string): string {
  return origin.replace(/^ws:/, 'http:').replace(/^wss:/, 'https:');
}

/**
 * Whether the Finnhub token may be sent to `restBase`: Finnhub's own REST host, or the one server
 * the user allowed the Finnhub token to reach (the same opt-in as the socket: `tokenOrigin`, a
 * `ws(s)://` origin, matches the `http(s)://` origin of the same host and port).
 */
export function newsTokenAllowedFor(restBase: string, tokenOrigin: string | undefined): boolean {
  const origin = originOf(restBase);
  if (origin === null) return false;
  if (origin === FINNHUB_REST_ORIGIN) return true;
  const allowed = tokenOrigin === undefined ? null : originOf(tokenOrigin);
  return allowed !== null && httpOrigin(allowed) === httpOrigin(origin);
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The request URL with the token, or null when the token may not go to this base (then nothing is
 * fetched: Finnhub's news needs the token). It holds a secret: never show or log it.
 */
export function finnhubNewsUrl(
  restBase: string,
  request: FinnhubNewsRequest,
  token: string | undefined,
  tokenOrigin: string | undefined,
): string | null {
  if (token === undefined || token === '' || !newsTokenAllowedFor(restBase, tokenOrigin)) return null;
  const base = restBase.replace(/\/+$/, '');
  const query: [string, string][] = [];
  if (request.kind === 'market') {
    query.push(['category', request.category]);
    if (request.minId !== undefined) query.push(['minId', String(request.minId)]);
  } else {
    query.push(['symbol', request.symbol], ['from', isoDay(request.fromMs)], ['to', isoDay(request.toMs)]);
  }
  query.push(['token', token]);
  const text = query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `${base}/${request.kind === 'market' ? 'news' : 'company-news'}?${text}`;
}

/** Only web links: anything else (`javascript:`, `data:`) is dropped, never offered as a link. */
export function safeLink(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2048) return null;
  // A host after the scheme, no spaces, quotes or angle brackets anywhere.
  return /^https?:\/\/[a-z0-9.-]+(:\d+)?([/?#][^\s"'<>\\]*)?$/i.test(value) ? value : null;
}

/** Plain text of a field, bounded; control characters become spaces. */
function text(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

export interface ParsedNews {
  readonly articles: NewsArticle[];
  /** Items without an id, a headline or a plausible time. */
  readonly rejected: number;
}

/**
 * Finnhub's news array (`/news` and `/company-news` share it: `category`, `datetime` in epoch
 * seconds, `headline`, `id`, `image`, `related` (comma-separated tickers), `source`, `summary`,
 * `url`). Malformed items are counted, never thrown; a body that is not an array throws.
 */
export function parseFinnhubNews(body: string, request: FinnhubNewsRequest, nowMs: number): ParsedNews {
  const value: unknown = JSON.parse(body);
  if (!Array.isArray(value)) throw new Error('Finnhub news: the answer is not an array');
  const articles: NewsArticle[] = [];
  let rejected = 0;
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) {
      rejected++;
      continue;
    }
    const row = item as Record<string, unknown>;
    const id = row['id'];
    const seconds = row['datetime'];
    const headline = text(row['headline'], 500);
    // Times before 2000 or more than a day ahead are not publication times.
    if (
      (typeof id !== 'number' && typeof id !== 'string') ||
      typeof seconds !== 'number' ||
      !Number.isFinite(seconds) ||
      seconds * 1000 < 946_684_800_000 ||
      seconds * 1000 > nowMs + 86_400_000 ||
      headline === ''
    ) {
      rejected++;
      continue;
    }
    const related = text(row['related'], 500)
      .split(',')
      .map((s) => s.trim().toUpperCase())
      .filter((s) => /^[A-Z0-9.:_-]{1,24}$/.test(s));
    if (request.kind === 'company') related.push(request.symbol.toUpperCase());
    articles.push({
      id: `finnhub:${String(id)}`,
      provider: 'finnhub',
      source: text(row['source'], 80),
      headline,
      summary: text(row['summary'], 2000),
      url: safeLink(row['url']),
      timeMs: Math.round(seconds * 1000),
      symbols: [...new Set(related)],
      category: request.kind === 'company' ? 'company' : text(row['category'], 40) || request.category,
    });
  }
  return { articles, rejected };
}
