import { originOf } from '../../feed/endpoint-policy';
import type { Subscription } from '../adapter';
import { FINNHUB_WS } from './wire';

const FINNHUB_ORIGIN = originOf(FINNHUB_WS);

/**
 * Whether the token may go to `base`: Finnhub's own socket, or the one other origin the user
 * explicitly allowed (`Subscription.tokenOrigin`). A proxy or a linked address gets no token unless
 * the user said so for exactly that host.
 */
export function tokenAllowedFor(base: string, subscription: Subscription): boolean {
  const origin = originOf(base);
  if (origin === null) return false;
  if (origin === FINNHUB_ORIGIN) return true;
  const allowed = subscription.tokenOrigin === undefined ? null : originOf(subscription.tokenOrigin);
  return allowed !== null && origin === allowed;
}

/**
 * The socket URL with the token appended. It holds a secret: print it only through `redactUrl`.
 * Without a token, or for a host the token is not allowed to reach, the URL is returned bare and
 * the handshake will be refused (HTTP 401).
 */
export function finnhubUrl(base: string, subscription: Subscription): string {
  const token = subscription.token;
  if (token === undefined || token.length === 0) return base;
  if (!tokenAllowedFor(base, subscription)) return base;
  return `${base}${base.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}

/** One subscribe message per symbol; Finnhub has trades only. */
export function finnhubSubscribeMessages(subscription: Subscription): string[] {
  if (!subscription.trades) return [];
  return subscription.symbols.map((symbol) => JSON.stringify({ type: 'subscribe', symbol }));
}
