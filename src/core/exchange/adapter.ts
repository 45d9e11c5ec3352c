import type { RejectReason } from './reject';
import type { Quote, Trade, VenueId } from './types';

/** Non-data messages a venue sends that the connection layer acts on. */
export type ControlEvent =
  | { readonly kind: 'ack'; readonly id?: string | number | null }
  | { readonly kind: 'heartbeat'; readonly symbol?: string; readonly lastTradeId?: number }
  | { readonly kind: 'pong' }
  /** The venue asks us to reconnect (maintenance, forced rotation). */
  | { readonly kind: 'reconnect'; readonly reason: string }
  | { readonly kind: 'error'; readonly message: string; readonly symbol?: string };

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
