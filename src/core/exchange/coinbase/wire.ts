/**
 * Coinbase Exchange websocket feed payloads (docs.cdp.coinbase.com/exchange/websocket-feed).
 * Prices and sizes are decimal strings; times are RFC 3339 with µs.
 */

/** `match` and the first-after-subscribe `last_match`. `side` is the MAKER order's side. */
export interface CoinbaseMatch {
  type: 'match' | 'last_match';
  trade_id: number;
  sequence: number;
  maker_order_id: string;
  taker_order_id: string;
  time: string;
  product_id: string;
  size: string;
  price: string;
  side: 'buy' | 'sell';
}

/** Sent per match; carries the best bid/ask. Here `side` is the taker side. */
export interface CoinbaseTicker {
  type: 'ticker';
  sequence: number;
  product_id: string;
  price: string;
  best_bid: string;
  best_bid_size: string;
  best_ask: string;
  best_ask_size: string;
  side: 'buy' | 'sell';
  time: string;
  trade_id: number;
  last_size: string;
}

/** 1/s per product; `last_trade_id` lets us check that no match was missed. */
export interface CoinbaseHeartbeat {
  type: 'heartbeat';
  sequence: number;
  last_trade_id: number;
  product_id: string;
  time: string;
}

export interface CoinbaseSubscriptions {
  type: 'subscriptions';
  channels: { name: string; product_ids: string[] }[];
}

export interface CoinbaseError {
  type: 'error';
  message: string;
  reason?: string;
}

/** REST `GET /products/{id}/trades` row; `side` is the maker side like `match`. */
export interface CoinbaseRestTrade {
  time: string;
  trade_id: number;
  price: string;
  size: string;
  side: 'buy' | 'sell';
}

export const COINBASE_WS = 'wss://ws-feed.exchange.coinbase.com';
export const COINBASE_REST = 'https://api.exchange.coinbase.com';
