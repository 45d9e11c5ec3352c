import type { Subscription } from '../adapter';

/** Combined-stream URL: streams ride on the URL, so no subscribe message counts against 10 msgs/s. */
export function binanceUsdmStreamUrl(base: string, streams: readonly string[]): string {
  let end = base.length;
  while (end > 0 && base.charCodeAt(end - 1) === 47 /* / */) end--;
  return `${base.slice(0, end)}/stream?streams=${streams.join('/')}`;
}

/** aggTrade streams for the /market base (stream names are lower case). */
export function binanceUsdmMarketStreams(subscription: Subscription): string[] {
  return subscription.trades ? subscription.symbols.map((s) => `${s.toLowerCase()}@aggTrade`) : [];
}

/** bookTicker streams for the /public base. */
export function binanceUsdmPublicStreams(subscription: Subscription): string[] {
  return subscription.quotes ? subscription.symbols.map((s) => `${s.toLowerCase()}@bookTicker`) : [];
}
