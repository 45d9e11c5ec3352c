import { DEMO_INSTRUMENTS } from '../demo/demo-market';
import { parseInstrumentKey } from '../exchange/types';

/** Legacy and venue-specific asset codes → the common ticker (Kraken's XBT and XDG). */
const ASSET_ALIASES: Readonly<Record<string, string>> = { XBT: 'BTC', XDG: 'DOGE' };

/** The common ticker of an asset code: "xbt" → "BTC". */
export function canonicalAsset(code: string): string {
  const upper = code.trim().toUpperCase();
  return ASSET_ALIASES[upper] ?? upper;
}

/** Quote currencies recognised at the end of concatenated symbols ("BTCUSDT"), longest first. */
const QUOTE_SUFFIXES = [
  'FDUSD',
  'USDT',
  'USDC',
  'BUSD',
  'TUSD',
  'USD',
  'EUR',
  'GBP',
  'JPY',
  'TRY',
  'BRL',
  'AUD',
  'CAD',
  'CHF',
  'BTC',
  'ETH',
  'BNB',
];

/**
 * Base and quote guessed from a symbol alone, for instruments not in any catalogue yet:
 * "BTC-USDT-SWAP", "BTC/USD", "BINANCE:BTCUSDT", "OANDA:EUR_USD", "btcusd", "AAPL".
 */
export function guessBaseQuote(symbol: string): { base: string; quote: string } {
  let s = symbol.trim();
  const colon = s.indexOf(':');
  if (colon >= 0) s = s.slice(colon + 1);
  for (const sep of ['-', '/', '_']) {
    const parts = s.split(sep);
    if (parts.length >= 2 && parts[0] !== '' && parts[1] !== '') {
      return { base: canonicalAsset(parts[0] as string), quote: canonicalAsset(parts[1] as string) };
    }
  }
  const upper = s.toUpperCase();
  for (const q of QUOTE_SUFFIXES) {
    if (upper.length > q.length + 1 && upper.endsWith(q)) {
      return { base: canonicalAsset(upper.slice(0, -q.length)), quote: q };
    }
  }
  return { base: canonicalAsset(upper), quote: colon >= 0 || /^[A-Z.]{1,6}$/.test(upper) ? 'USD' : '' };
}

const DEMO_SYMBOLS = new Set(DEMO_INSTRUMENTS.map((i) => i.symbol));

/**
 * The demo market's stand-in for a watched instrument ("kraken:XBT/USD" → "BTCUSDT"), so the demo
 * fallback shows the same asset; null when the demo market has no such asset.
 */
export function demoSymbolFor(key: string): string | null {
  const parsed = parseInstrumentKey(key);
  if (parsed === null) return null;
  if (parsed.venue === 'demo') return DEMO_SYMBOLS.has(parsed.symbol) ? parsed.symbol : null;
  const { base } = guessBaseQuote(parsed.symbol);
  const symbol = `${base}USDT`;
  return DEMO_SYMBOLS.has(symbol) ? symbol : null;
}
