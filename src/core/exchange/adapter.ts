import type { BackfillSource } from './backfill';
import type { RejectReason } from './reject';
import type { Quote, Trade, VenueId } from './types';

/** Non-data messages a venue sends that the connection layer acts on. */
export type ControlEvent =
  /** The venue confirmed a (un)subscribe; `symbol`/`channel` where it says which (Kraken acks per symbol). */
  | {
      readonly kind: 'ack';
      readonly id?: string | number | null;
      readonly symbol?: string;
      readonly channel?: string;
    }
  /**
   * The venue says the feed is alive. `lastTradeId` (Coinbase) is the newest trade id of `symbol`:
   * feed it to the integrity stage so trades lost on the wire show up as a gap.
   */
  | { readonly kind: 'heartbeat'; readonly symbol?: string; readonly lastTradeId?: number; readonly timeMs?: number }
  | { readonly kind: 'pong' }
  /** The venue asks us to reconnect (maintenance, forced rotation). */
  | { readonly kind: 'reconnect'; readonly reason: string }
  /**
   * The venue reported an error. `symbol`/`channel` when it concerns one subscription (a bad
   * symbol: drop it, keep the socket); `auth` when the key/token was refused or is missing (stop
   * retrying, ask the user); `code` is the venue's own code where it sends one.
   */
  | {
      readonly kind: 'error';
      readonly message: string;
      readonly symbol?: string;
      readonly channel?: string;
      readonly code?: string | number;
      readonly auth?: boolean;
    }
  /**
   * The venue restarted its state for `symbol` (Bybit `u = 1`): forget cached book/quote state and
   * do not read the restart as an error. Without `symbol` it concerns the whole connection.
   */
  | { readonly kind: 'reset'; readonly symbol?: string; readonly reason: string }
  /** Informational system status (Kraken `status`, OKX connection counts); nothing to do. */
  | { readonly kind: 'status'; readonly message: string };

/** Where a parser puts what it found in a frame; avoids allocating a result per frame. */
export interface FrameSink {
  trade(trade: Trade): void;
  quote(quote: Quote): void;
  control(event: ControlEvent): void;
  reject(reason: RejectReason, detail: string): void;
}

export interface Subscription {
  readonly symbols: readonly string[];
  readonly trades: boolean;
  readonly quotes: boolean;
  /** API key for keyed venues (Finnhub puts it in the URL). Never log it: see `redactUrl`. */
  readonly token?: string;
  /**
   * The one origin besides the venue's own that may receive `token` ("wss://proxy.example"): set
   * only by the user's explicit opt-in for that host. Without it a token never leaves for a proxy.
   */
  readonly tokenOrigin?: string;
}

/** Everything venue-specific about speaking to one websocket endpoint. */
export interface VenueAdapter {
  readonly venue: VenueId;
  /** Websocket URL for a subscription, given the configured base (default or user proxy). */
  url(base: string, subscription: Subscription): string;
  /** Messages to send after open (may be empty when the URL carries the streams). */
  subscribeMessages(subscription: Subscription): string[];
  /** Parses one text frame. `receivedAtMs` stamps quotes from venues that send no time. */
  parse(frame: string, receivedAtMs: number, sink: FrameSink): void;
}

/**
 * An application-level keep-alive: browsers answer server ping *frames* by themselves but cannot
 * send their own, so venues that want client pings get a text message on a timer.
 */
export interface AppPing {
  /** The text frame to send (same shape as FeedConnection's `ping` option). */
  readonly text: string;
  /** Send one this often while the socket is open. */
  readonly everyMs: number;
}

/** What a venue tolerates from one client; the connection layer paces its sends to this. */
export interface SubscribePacing {
  /** All client messages per second on one socket (Binance counts pongs and pings too). */
  readonly maxMessagesPerSecond: number;
  /** Subscription args per message; `subscribeMessages` already splits to this. null: no cap. */
  readonly maxArgsPerMessage: number | null;
  /** Streams (symbol × channel) per socket; `planConnections` opens more sockets beyond it. */
  readonly maxStreamsPerConnection: number | null;
  /** Subscribe/unsubscribe operations per hour per socket (OKX: 480). */
  readonly maxSubscribeOpsPerHour?: number;
  /** The venue disconnects unless the first subscribe arrives this soon after open (Coinbase: 5 s). */
  readonly subscribeWithinMs?: number;
}

/** Which channels one socket of a venue carries. */
export interface Carries {
  readonly trades: boolean;
  readonly quotes: boolean;
}

/** One websocket a venue needs. Most venues have one; Binance USD-M splits /market and /public. */
export interface VenueEndpoint {
  /** Stable name within the venue ('main', 'market', 'public'): the key for a user's base override. */
  readonly name: string;
  readonly defaultBase: string;
  readonly adapter: VenueAdapter;
  readonly carries: Carries;
  /** Client keep-alive to send, or null when the server pings with frames (browser auto-pongs). */
  readonly keepAlive: AppPing | null;
  readonly pacing: SubscribePacing;
  /**
   * Longest time with no frame at all before the socket counts as dead, for venues whose
   * heartbeats/pongs guarantee traffic on quiet markets. null: silence proves nothing here
   * (server pings are invisible to page code), rely on the per-channel budgets.
   */
  readonly silenceMs: number | null;
}

/**
 * How long one symbol's channel may stay quiet before the feed is suspect (the silent-socket
 * pitfall: Binance's retired URLs keep the socket open and send nothing). Defaults for a liquid
 * instrument; scale up for thin ones. null: the venue has no such channel.
 */
export interface StaleBudget {
  readonly tradesMs: number | null;
  readonly quotesMs: number | null;
}

/**
 * How trade ids of one instrument relate, for the integrity stage:
 * - consecutive: each id is the previous + 1 (or `firstId` = previous + 1), so a jump is a gap;
 * - monotonic: ids only increase (shared across symbols), so dedupe works but jumps mean nothing;
 * - none: no usable ids; dedupe and gap checks are impossible (time-based health only).
 */
export type GapRule = 'consecutive' | 'monotonic' | 'none';

/** Everything the app needs to know about one venue. */
export interface VenueProfile {
  readonly venue: VenueId;
  readonly label: string;
  /** An example symbol in the venue's own spelling, for help text and placeholders. */
  readonly exampleSymbol: string;
  readonly endpoints: readonly VenueEndpoint[];
  readonly gapRule: GapRule;
  readonly stale: StaleBudget;
  /** 'token-in-url': needs `Subscription.token`; the URL then holds a secret (print with redactUrl). */
  readonly auth: 'none' | 'token-in-url';
  /** REST sources that can refill an id gap of this venue's live trade stream, best first. */
  readonly backfill: readonly BackfillSource[];
  /** Parses a frame from any of this venue's endpoints (the CLI and tests use it). */
  parse(frame: string, receivedAtMs: number, sink: FrameSink): void;
}

/** One socket to open: where, what to send after open, and how to read it. */
export interface ConnectionPlan {
  readonly endpoint: VenueEndpoint;
  readonly subscription: Subscription;
  readonly url: string;
  readonly subscribeMessages: readonly string[];
}

/**
 * The sockets a subscription needs: one per endpoint that carries a requested channel, split
 * further when the symbols exceed the endpoint's stream cap. `bases` overrides default bases by
 * endpoint name (user proxies).
 */
export function planConnections(
  profile: VenueProfile,
  subscription: Subscription,
  bases: Readonly<Record<string, string>> = {},
): ConnectionPlan[] {
  const plans: ConnectionPlan[] = [];
  for (const endpoint of profile.endpoints) {
    const trades = subscription.trades && endpoint.carries.trades;
    const quotes = subscription.quotes && endpoint.carries.quotes;
    if ((!trades && !quotes) || subscription.symbols.length === 0) continue;
    const perSymbol = (trades ? 1 : 0) + (quotes ? 1 : 0);
    const cap = endpoint.pacing.maxStreamsPerConnection;
    const chunk = cap === null ? subscription.symbols.length : Math.max(1, Math.floor(cap / perSymbol));
    const base = bases[endpoint.name] ?? endpoint.defaultBase;
    for (let i = 0; i < subscription.symbols.length; i += chunk) {
      const part: Subscription = { ...subscription, symbols: subscription.symbols.slice(i, i + chunk), trades, quotes };
      plans.push({
        endpoint,
        subscription: part,
        url: endpoint.adapter.url(base, part),
        subscribeMessages: endpoint.adapter.subscribeMessages(part),
      });
    }
  }
  return plans;
}
