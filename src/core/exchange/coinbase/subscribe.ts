import type { Subscription } from '../adapter';

/**
 * One subscribe message for everything (the feed takes several channels and products per
 * message). `heartbeat` is always on: it keeps quiet products alive and carries `last_trade_id`
 * for gap checks. Must be sent within 5 s of open.
 */
export function coinbaseSubscribeMessages(subscription: Subscription): string[] {
  if (subscription.symbols.length === 0 || (!subscription.trades && !subscription.quotes)) return [];
  const channels: (string | { name: string; product_ids: readonly string[] })[] = [];
  if (subscription.trades) channels.push('matches');
  channels.push('heartbeat');
  if (subscription.quotes) channels.push('ticker');
  return [JSON.stringify({ type: 'subscribe', product_ids: subscription.symbols, channels })];
}
