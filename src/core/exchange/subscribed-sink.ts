import { canonicalAsset } from '../instruments/symbols';
import type { FrameSink } from './adapter';
import { preview } from './wire-values';

/**
 * A FrameSink that lets through only trades and quotes of the symbols its socket subscribed to.
 * A venue (or whatever answers at its address) has no business sending anything else, and a
 * record for an instrument nobody asked for would otherwise be stored under a key of the venue's
 * choosing. Symbols match ignoring case and legacy asset codes, since venues spell payloads and
 * subscriptions differently (Binance streams are lower case, its payloads upper; Kraken answers a
 * subscription to `XBT/USD` with `BTC/USD`). Controls pass through, except a heartbeat naming
 * another symbol; rejects pass through.
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
    control(event) {
      // A heartbeat's last trade id opens gaps and backfill requests for its symbol: only ours.
      if (event.kind === 'heartbeat' && event.symbol !== undefined && !subscribed(event.symbol)) {
        sink.reject('not-subscribed', `heartbeat for ${preview(event.symbol)}`);
      } else {
        sink.control(event);
      }
    },
    reject: (reason, detail) => sink.reject(reason, detail),
  };
}

/** "xbt/usd" → "BTC/USD": upper case, each `/`-separated asset code in its common spelling. */
function matchKey(symbol: string): string {
  const upper = symbol.toUpperCase();
  return upper.includes('/') ? upper.split('/').map(canonicalAsset).join('/') : upper;
}
