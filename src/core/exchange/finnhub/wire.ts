/**
 * Finnhub websocket payloads (Finnhub WS docs, as quoted in tspannhw/FLiPN-Py-Stocks; docs.rs
 * `finnhub`). Keyed: the API token rides in the URL query (`?token=`), the only place a browser
 * can put it. Prices and volumes are JSON numbers; there is no side and no trade id.
 */

export interface FinnhubTradeItem {
  /** Price. */
  p: number;
  /** Symbol as subscribed: "AAPL", "BINANCE:BTCUSDT", "OANDA:EUR_USD". */
  s: string;
  /** Time, ms. */
  t: number;
  /** Volume; 0 on price-only updates. */
  v: number;
  /** Trade condition codes; may be null. */
  c?: string[] | null;
}

export interface FinnhubTradeMessage {
  type: 'trade';
  data: FinnhubTradeItem[];
}

export interface FinnhubError {
  type: 'error';
  msg: string;
}

export const FINNHUB_WS = 'wss://ws.finnhub.io';
