import type { AppPing, Subscription } from '../adapter';

/** One channel per subscribe message; pairs are lower case on the wire. */
export function bitstampSubscribeMessages(subscription: Subscription): string[] {
  const out: string[] = [];
  for (const symbol of subscription.symbols) {
    const pair = symbol.toLowerCase();
    if (subscription.trades)
      out.push(JSON.stringify({ event: 'bts:subscribe', data: { channel: `live_trades_${pair}` } }));
    if (subscription.quotes)
      out.push(JSON.stringify({ event: 'bts:subscribe', data: { channel: `order_book_${pair}` } }));
  }
  return out;
}

/** Optional keep-alive the server answers with `bts:heartbeat` [unv]; gives quiet pairs a liveness signal. */
export const bitstampPing: AppPing = {
  text: '{"event":"bts:heartbeat"}',
  everyMs: 30_000,
};
