import { canonicalAsset } from '../instruments/symbols';
import type { FrameSink } from './adapter';
import { preview } from './wire-values';

/**
 * A FrameSink that lets through only trades and quotes of the symbols its socket subscribed to.
 * A venue (or whatever answers at its address) has no business sending anything else, and a
 * record for an instrument nobody asked for would otherwise be stored under a key of the venue's
 * choosing. Symbols match ignoring case and legacy asset codes, since venues spell payloads and
 * subscriptions differently (Binance streams are lower case, its payloads upper; Kraken answers a
 * subscription to `XBT/USD` with `BTC/USD`). Controls and rejects pass through.
 */
export function subscribedOnly(symbols: readonly string[], sink: FrameSink): FrameSink {
  const exact = new Set(symbols);
  const loose = new Set(symbols.map(matchKey));
  const subscribed = (symbol: string) => exact.has(symbol) || loose.has(matchKey(symbol));
  return {
    trade(trade) {
      if (subscribed(trade.symbol)) sink.trade(trade);
      else sink.reject('not-subscribed', `trade for ${preview(trade.symbol)}`);
    },
    quote(quote) {
      if (subscribed(quote.symbol)) sink.quote(quote);
      else sink.reject('not-subscribed', `quote for ${preview(quote.symbol)}`);
    },
    control: (event) => sink.control(event),
    reject: (reason, detail) => sink.reject(reason, detail),
  };
}

/** "xbt/usd" → "BTC/USD": upper case, each `/`-separated asset code in its common spelling. */
function matchKey(symbol: string): string {
  const upper = symbol.toUpperCase();
  return upper.includes('/') ? upper.split('/').map(canonicalAsset).join('/') : upper;
}
