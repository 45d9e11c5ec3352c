import { LIVE_VENUES } from '../exchange/venues';
import type { Instrument } from './instrument';
import { canonicalAsset } from './symbols';

/** Upper case without separators, legacy codes mapped: "xbt/usd" → "BTCUSD". */
function compact(text: string): string {
  const upper = text.toUpperCase().replace(/[\s\-/_:.]+/g, '');
  return upper.startsWith('XBT') ? `BTC${upper.slice(3)}` : upper.startsWith('XDG') ? `DOGE${upper.slice(3)}` : upper;
}

/** The quotes traders mean by "the" market of an asset come first. */
function quoteRank(quote: string): number {
  switch (quote) {
    case 'USD':
    case 'USDT':
      return 0;
    case 'USDC':
      return 1;
    case 'EUR':
      return 2;
    default:
      return 3;
  }
}

/** A query written as "venue:rest" with a known venue id. */
function venueScope(query: string): { venue: string; rest: string } | null {
  const colon = query.indexOf(':');
  if (colon < 0) return null;
  const venue = query.slice(0, colon).trim().toLowerCase();
  return VENUE_RANK.has(venue) ? { venue, rest: query.slice(colon + 1) } : null;
}

const VENUE_RANK = new Map<string, number>(LIVE_VENUES.map((v, i) => [v, i]));

/**
 * How well an instrument matches a compacted query; lower is better, null is no match:
 * 0 the pair itself ("btcusd", "BTC-USDT-SWAP"), 1 the base exactly ("btc"), 2 base prefix,
 * 3 symbol or pair prefix, 4 substring of symbol, pair or name.
 */
function matchTier(i: Instrument, q: string): number | null {
  const symbol = compact(i.symbol);
  const pair = `${i.base}${i.quote}`;
  if (symbol === q || pair === q) return 0;
  if (i.base === q) return 1;
  if (i.base.startsWith(q)) return 2;
  if (symbol.startsWith(q) || pair.startsWith(q)) return 3;
  if (symbol.includes(q) || pair.includes(q) || (i.name !== undefined && compact(i.name).includes(q))) return 4;
  return null;
}

/**
 * Instruments matching a type-ahead query across venues, best first: the pair itself, then exact
 * base matches, then prefixes; within each, USD/USDT quotes first, spot before perpetuals, then
 * venue order (LIVE_VENUES) and shorter symbols. "btc" → Binance BTCUSDT, Coinbase BTC-USD,
 * Kraken BTC/USD, Bybit BTCUSDT, OKX BTC-USDT, Bitstamp BTCUSD, then the perpetuals, then
 * BTC against other quotes.
 */
export function searchInstruments(catalogue: readonly Instrument[], query: string, limit = 50): Instrument[] {
  // "kraken:BTC/USD" (the key form the picker suggests) searches that venue's listing only.
  const scope = venueScope(query);
  const q = compact(canonicalAsset(scope?.rest ?? query));
  if (q.length === 0) return [];
  const scored: { i: Instrument; tier: number }[] = [];
  for (const i of catalogue) {
    if (scope !== null && i.venue !== scope.venue) continue;
    const tier = matchTier(i, q);
    if (tier !== null) scored.push({ i, tier });
  }
  scored.sort(
    (a, b) =>
      a.tier - b.tier ||
      quoteRank(a.i.quote) - quoteRank(b.i.quote) ||
      (a.i.kind === b.i.kind ? 0 : a.i.kind === 'spot' ? -1 : 1) ||
      (VENUE_RANK.get(a.i.venue) ?? 99) - (VENUE_RANK.get(b.i.venue) ?? 99) ||
      a.i.symbol.length - b.i.symbol.length ||
      (a.i.symbol < b.i.symbol ? -1 : a.i.symbol > b.i.symbol ? 1 : 0),
  );
  return scored.slice(0, limit).map((s) => s.i);
}
