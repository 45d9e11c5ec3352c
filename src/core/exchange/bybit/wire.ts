/**
 * Bybit v5 public websocket payloads (bybit-exchange/docs docs/v5/websocket/public/{trade,
 * orderbook}.mdx, ws connect page). Prices and sizes are decimal strings; times are ms numbers.
 */

export type BybitVenue = 'bybit-spot' | 'bybit-linear';

export interface BybitTradeItem {
  /** Fill time, ms. */
  T: number;
  s: string;
  /** Taker side. */
  S: 'Buy' | 'Sell';
  v: string;
  p: string;
  /** Tick direction (derivatives). */
  L?: string;
  /** Trade id: a UUID on linear, a numeric string shared across symbols on spot. Not gap-checkable. */
  i: string;
  /** Block trade. */
  BT?: boolean;
  /** RPI trade. */
  RPI?: boolean;
  seq?: number;
}

export interface BybitTradeMessage {
  topic: string;
  type: 'snapshot';
  ts: number;
  data: BybitTradeItem[];
}

/** `orderbook.1.<S>`: snapshot-only, every 10 ms on change and re-sent every 3 s unchanged. */
export interface BybitOrderbookMessage {
  topic: string;
  type: 'snapshot' | 'delta';
  ts: number;
  /** Matching-engine time, comparable with trade `T`. */
  cts?: number;
  data: {
    s: string;
    b: [string, string][];
    a: [string, string][];
    /** Update id; 1 means the service restarted: reset local state. */
    u: number;
    seq: number;
  };
}

/** Reply to subscribe/unsubscribe/ping. Spot pong: ret_msg "pong" with op "ping". */
export interface BybitReply {
  success?: boolean;
  ret_msg?: string;
  conn_id?: string;
  req_id?: string;
  op: string;
  args?: string[];
}

export const BYBIT_SPOT_WS = 'wss://stream.bybit.com/v5/public/spot';
export const BYBIT_LINEAR_WS = 'wss://stream.bybit.com/v5/public/linear';
