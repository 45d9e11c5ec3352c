import type { AppPing, Subscription } from '../adapter';

/**
 * Args per subscribe message. OKX batches freely (a request must stay under 64 KB [unv]); 100
 * args keeps each request a few KB. Every message counts against 480 subscribe ops/hour.
 */
export const OKX_MAX_ARGS = 100;

export function okxSubscribeMessages(subscription: Subscription): string[] {
  const args: { channel: string; instId: string }[] = [];
  for (const instId of subscription.symbols) {
    if (subscription.trades) args.push({ channel: 'trades', instId });
    if (subscription.quotes) args.push({ channel: 'bbo-tbt', instId });
  }
  const out: string[] = [];
  for (let i = 0; i < args.length; i += OKX_MAX_ARGS) {
    out.push(JSON.stringify({ op: 'subscribe', args: args.slice(i, i + OKX_MAX_ARGS) }));
  }
  return out;
}

/** OKX drops a socket after 30 s without traffic; the keep-alive is the bare text `ping` (reply `pong`). */
export const okxPing: AppPing = {
  text: 'ping',
  everyMs: 20_000,
};
