import type { Subscription } from '../adapter';

/**
 * The socket URL with the token appended. It holds a secret: print it only through `redactUrl`.
 * Without a token the URL is returned bare and the handshake will be refused (HTTP 401).
 */
export function finnhubUrl(base: string, subscription: Subscription): string {
  const token = subscription.token;
  if (token === undefined || token.length === 0) return base;
  return `${base}${base.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}

/** One subscribe message per symbol; Finnhub has trades only. */
export function finnhubSubscribeMessages(subscription: Subscription): string[] {
  if (!subscription.trades) return [];
  return subscription.symbols.map((symbol) => JSON.stringify({ type: 'subscribe', symbol }));
}
