import { parseInstrumentKey } from '../exchange/types';
import { guessBaseQuote } from '../instruments/symbols';
import type { FinnhubNewsRequest } from './finnhub-news';
import type { NewsArticle } from './news-article';

/** Names headlines use for common crypto assets (tickers alone are also matched). */
const ASSET_NAMES: Readonly<Record<string, readonly string[]>> = {
  BTC: ['bitcoin'],
  ETH: ['ether', 'ethereum'],
  SOL: ['solana'],
  XRP: ['ripple'],
  DOGE: ['dogecoin'],
  ADA: ['cardano'],
  LTC: ['litecoin'],
  BNB: ['binance coin'],
  DOT: ['polkadot'],
  AVAX: ['avalanche'],
};

/** What news is about an instrument: the ticker or asset, its kind and the words that name it. */
export interface NewsTopic {
  readonly instrument: string;
  /** "AAPL", "BTC", "EUR". */
  readonly ticker: string;
  readonly kind: 'stock' | 'crypto' | 'forex';
  /** Lower-case words or names that mark a headline as about it. */
  readonly names: readonly string[];
}

/**
 * The news topic of a watched instrument. Finnhub symbols without an exchange prefix are stocks
 * ("AAPL"); `OANDA:`/`FXCM:` prefixes are forex; everything else (every crypto venue, and Finnhub's
 * `BINANCE:BTCUSDT`) is crypto, named by its base asset.
 */
export function newsTopic(instrument: string): NewsTopic | null {
  const parsed = parseInstrumentKey(instrument);
  if (parsed === null) return null;
  const { venue, symbol } = parsed;
  if (venue === 'finnhub' && !symbol.includes(':')) {
    const ticker = symbol.toUpperCase();
    return { instrument, ticker, kind: 'stock', names: [ticker.toLowerCase()] };
  }
  if (venue === 'finnhub' && /^(OANDA|FXCM|FOREX|IC MARKETS):/i.test(symbol)) {
    const { base } = guessBaseQuote(symbol);
    return { instrument, ticker: base, kind: 'forex', names: [base.toLowerCase()] };
  }
  const { base } = guessBaseQuote(symbol);
  return { instrument, ticker: base, kind: 'crypto', names: [base.toLowerCase(), ...(ASSET_NAMES[base] ?? [])] };
}

/** The Finnhub requests that cover a watch list: market news per kind, company news per stock. */
export function finnhubRequestsFor(topics: readonly NewsTopic[], nowMs: number): FinnhubNewsRequest[] {
  const requests: FinnhubNewsRequest[] = [{ kind: 'market', category: 'general' }];
  if (topics.some((t) => t.kind === 'crypto')) requests.push({ kind: 'market', category: 'crypto' });
  if (topics.some((t) => t.kind === 'forex')) requests.push({ kind: 'market', category: 'forex' });
  const stocks = [...new Set(topics.filter((t) => t.kind === 'stock').map((t) => t.ticker))];
  for (const symbol of stocks) {
    requests.push({ kind: 'company', symbol, fromMs: nowMs - 7 * 86_400_000, toMs: nowMs });
  }
  return requests;
}

function mentions(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}([^\\p{L}\\p{N}]|$)`, 'iu').test(text);
}

/**
 * Whether an article is about the topic: the provider relates it to the ticker, or (crypto, forex)
 * its headline names the asset. Stocks rely on the provider's relation only: a ticker like "A" or
 * "ON" in a headline is a word, not a company.
 */
export function isAbout(article: NewsArticle, topic: NewsTopic): boolean {
  if (article.symbols.includes(topic.ticker)) return true;
  if (topic.kind === 'stock') return false;
  if (topic.kind === 'forex' && article.category !== 'forex') return false;
  return topic.names.some((name) => mentions(article.headline, name));
}
