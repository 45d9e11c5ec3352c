import type { AppPing, Subscription } from '../adapter';

/** req_ids of our subscribe requests, echoed in the per-symbol acks. */
export const KRAKEN_TRADE_REQ_ID = 1;
export const KRAKEN_TICKER_REQ_ID = 2;

/**
 * trade with `snapshot: true` set explicitly (the documented default differs between doc
 * versions), and ticker with `event_trigger: "bbo"` so it fires on best bid/offer changes rather
 * than only on trades.
 */
export function krakenSubscribeMessages(subscription: Subscription): string[] {
  if (subscription.symbols.length === 0) return [];
  const out: string[] = [];
  const symbol = subscription.symbols;
  if (subscription.trades) {
    out.push(
      JSON.stringify({
        method: 'subscribe',
        params: { channel: 'trade', symbol, snapshot: true },
        req_id: KRAKEN_TRADE_REQ_ID,
      }),
    );
  }
  if (subscription.quotes) {
    out.push(
      JSON.stringify({
        method: 'subscribe',
        params: { channel: 'ticker', symbol, event_trigger: 'bbo', snapshot: true },
        req_id: KRAKEN_TICKER_REQ_ID,
      }),
    );
  }
  return out;
}

/**
 * Optional app-level ping; the server's `heartbeat` (~1/s while subscribed and idle) already
 * proves liveness, the ping adds a round trip check. The reply is `{"method":"pong","req_id":N}`.
 */
export const krakenPing: AppPing = {
  // req_id is only echoed back; a fixed one is enough to recognise the pong.
  text: '{"method":"ping","req_id":9000}',
  everyMs: 30_000,
};
