/**
 * Binance USDⓈ-M futures websocket payloads (developers.binance.com "Websocket Market Streams",
 * "Important WebSocket Change Notice" 2026-03-06). Since 2026 the market data is split across two
 * routed bases: /market carries aggTrade (and klines, mark price, tickers), /public carries
 * bookTicker and depth. The legacy /ws and /stream bases stay open but go silent.
 */

export interface BinanceUsdmAggTradeEvent {
  e: 'aggTrade';
  E: number;
  s: string;
  /** Aggregate trade id: consecutive per symbol. */
  a: number;
  p: string;
  q: string;
  /** First and last underlying trade ids. */
  f: number;
  l: number;
  T: number;
  /** Is the buyer the market maker? true ⇒ the taker sold. */
  m: boolean;
  /** Trade type where sent ("MARKET", "INSURANCE_FUND", "ADL", "NA"); only MARKET is market flow. */
  X?: string;
}

/** `<symbol>@trade` (where it lives after the split is unverified; prefer aggTrade). */
export interface BinanceUsdmTradeEvent {
  e: 'trade';
  E: number;
  T: number;
  s: string;
  t: number;
  p: string;
  q: string;
  X?: string;
  m: boolean;
}

/** Unlike spot, the futures bookTicker carries event and transaction times. */
export interface BinanceUsdmBookTicker {
  e: 'bookTicker';
  u: number;
  E: number;
  T: number;
  s: string;
  b: string;
  B: string;
  a: string;
  A: string;
}

export const BINANCE_USDM_MARKET_WS = 'wss://fstream.binance.com/market';
export const BINANCE_USDM_PUBLIC_WS = 'wss://fstream.binance.com/public';
export const BINANCE_USDM_REST = 'https://fapi.binance.com';
