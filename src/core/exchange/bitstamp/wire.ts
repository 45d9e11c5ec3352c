/**
 * Bitstamp websocket API v2 payloads (Bitstamp "Websocket API v2" page; ccxt `pro/bitstamp.ts`;
 * aggr `bitstamp.ts`). Channels are `<name>_<pair>` with lower-case pairs.
 */

export interface BitstampTradeData {
  id: number;
  /** Exact decimal strings; `price`/`amount` are the same values as JSON numbers. */
  price_str: string;
  amount_str: string;
  price: number;
  amount: number;
  /** Seconds and µs since the epoch, as digit strings. */
  timestamp: string;
  microtimestamp: string;
  /** Taker side: 0 = buy, 1 = sell. */
  type: 0 | 1;
  buy_order_id: number;
  sell_order_id: number;
}

/** `order_book_<pair>`: top-100 snapshots; the best levels are `bids[0]`/`asks[0]`. */
export interface BitstampOrderBookData {
  timestamp: string;
  microtimestamp: string;
  bids: [string, string][];
  asks: [string, string][];
}

export interface BitstampMessage<T = unknown> {
  event:
    | 'trade'
    | 'data'
    | 'bts:subscription_succeeded'
    | 'bts:unsubscription_succeeded'
    | 'bts:error'
    | 'bts:request_reconnect'
    | 'bts:heartbeat'
    | string;
  channel: string;
  data: T;
}

export const BITSTAMP_WS = 'wss://ws.bitstamp.net';
