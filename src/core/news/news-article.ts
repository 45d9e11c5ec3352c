import type { SentimentLabel } from '../sentiment/score-text';

/** Where an article came from: the provider whose API served it. */
export type NewsProvider = 'finnhub';

/** One headline as Tapewatch keeps it. Every text field is plain text, never markup. */
export interface NewsArticle {
  /** `provider:providerId`, unique across providers. */
  readonly id: string;
  readonly provider: NewsProvider;
  /** The publisher the provider names ("Reuters", "CoinDesk"). */
  readonly source: string;
  readonly headline: string;
  readonly summary: string;
  /** An `https:` or `http:` address, or null when the provider sent anything else (a `javascript:` link). */
  readonly url: string | null;
  /** Publication time, epoch ms. */
  readonly timeMs: number;
  /** Tickers the provider relates the article to, upper case ("AAPL"), plus the category asked for. */
  readonly symbols: readonly string[];
  /** The provider's category ("general", "crypto", "forex", "company"). */
  readonly category: string;
}

/** An article with the sentiment of its headline (and summary), as the news worker scores it. */
export interface ScoredArticle extends NewsArticle {
  readonly score: number;
  readonly label: SentimentLabel;
}
