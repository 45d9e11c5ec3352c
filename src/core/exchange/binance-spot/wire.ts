/** Binance spot websocket payloads, as documented in binance-spot-api-docs web-socket-streams.md. */

export interface BinanceTradeEvent {
  e: 'trade';
  E: number;
  s: string;
  t: number;
  p: string;
  q: string;
  T: number;
  /** Is the buyer the market maker? true ⇒ the taker sold. */
  m: boolean;
  M?: boolean;
}

export interface BinanceAggTradeEvent {
  e: 'aggTrade';
  E: number;
  s: string;
  a: number;
  p: string;
  q: string;
  f: number;
  l: number;
  T: number;
  m: boolean;
}

/** Spot bookTicker carries no timestamp at all. */
export interface BinanceBookTicker {
  u: number;
  s: string;
  b: string;
  B: string;
  a: string;
  A: string;
}

export interface BinanceCombinedFrame {
  stream: string;
  data: unknown;
}

export const BINANCE_SPOT_WS = 'wss://stream.binance.com:9443';
export const BINANCE_SPOT_REST = 'https://api.binance.com';
