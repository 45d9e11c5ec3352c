/**
 * Kraken spot websocket v2 payloads (docs.kraken.com/api/docs/websocket-v2/{trade,ticker,
 * heartbeat,ping}). Prices and quantities are JSON numbers; times are RFC 3339 strings.
 */

export interface KrakenTradeItem {
  symbol: string;
  /** Taker side. */
  side: 'buy' | 'sell';
  price: number;
  qty: number;
  ord_type: 'limit' | 'market';
  /** "A sequence number, unique per book": consecutive per symbol. */
  trade_id: number;
  timestamp: string;
}

export interface KrakenTradeMessage {
  channel: 'trade';
  /** snapshot = the last 50 trades on subscribe (overlaps after a reconnect), then updates. */
  type: 'snapshot' | 'update';
  data: KrakenTradeItem[];
}

/** ticker with `event_trigger: "bbo"`; numbers may come as strings on some deployments. */
export interface KrakenTickerItem {
  symbol: string;
  bid: number;
  bid_qty: number;
  ask: number;
  ask_qty: number;
  last?: number;
  timestamp?: string;
}

export interface KrakenTickerMessage {
  channel: 'ticker';
  type: 'snapshot' | 'update';
  data: KrakenTickerItem[];
}

/** One reply per symbol of a subscribe request. */
export interface KrakenMethodReply {
  method: 'subscribe' | 'unsubscribe' | 'pong' | string;
  req_id?: number;
  success?: boolean;
  result?: { channel?: string; symbol?: string; snapshot?: boolean };
  error?: string;
  symbol?: string;
  time_in?: string;
  time_out?: string;
}

export const KRAKEN_WS = 'wss://ws.kraken.com/v2';
export const KRAKEN_REST = 'https://api.kraken.com';
