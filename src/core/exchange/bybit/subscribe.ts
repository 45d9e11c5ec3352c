import type { AppPing, Subscription } from '../adapter';

/** Spot accepts at most 10 args per subscribe request; linear has no per-request cap. */
export const BYBIT_SPOT_MAX_ARGS = 10;

export function bybitTopics(subscription: Subscription): string[] {
  const topics: string[] = [];
  for (const symbol of subscription.symbols) {
    const s = symbol.toUpperCase();
    if (subscription.trades) topics.push(`publicTrade.${s}`);
    if (subscription.quotes) topics.push(`orderbook.1.${s}`);
  }
  return topics;
}

/** Subscribe requests, `maxArgs` topics each (null: all in one). `req_id` names each chunk. */
export function bybitSubscribeMessages(subscription: Subscription, maxArgs: number | null): string[] {
  const topics = bybitTopics(subscription);
  const size = maxArgs === null ? Math.max(1, topics.length) : maxArgs;
  const out: string[] = [];
  for (let i = 0; i < topics.length; i += size) {
    out.push(JSON.stringify({ req_id: `sub-${out.length + 1}`, op: 'subscribe', args: topics.slice(i, i + size) }));
  }
  return out;
}

/** Bybit drops connections without a JSON ping; the docs ask for one every 20 s. */
export const bybitPing: AppPing = {
  text: '{"req_id":"ping","op":"ping"}',
  everyMs: 20_000,
};
