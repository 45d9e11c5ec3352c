/**
 * OKX v5 public websocket payloads (okx.com/docs-v5 via ccxt `pro/okx.ts`, aggr `okex.ts`).
 * Every number is a string, timestamps included (ms).
 */

export interface OkxArg {
  channel: string;
  instId?: string;
}

/** `trades`: one item may aggregate `count` fills of one taker order at one price; `tradeId` is the last. */
export interface OkxTradeItem {
  instId: string;
  tradeId: string;
  px: string;
  /** Base units on SPOT; contracts on SWAP/FUTURES (× ctVal). */
  sz: string;
  /** Taker side. */
  side: 'buy' | 'sell';
  ts: string;
  count?: string;
  /** trades-all only. */
  source?: string;
}

/** `bbo-tbt`: levels are `[px, sz, "0", orders]`. */
export interface OkxBboItem {
  asks: [string, string, string, string][];
  bids: [string, string, string, string][];
  ts: string;
  seqId?: number;
}

export interface OkxPush<T> {
  arg: OkxArg;
  data: T[];
}

/** `{"event":"subscribe","arg":{...},"connId":"..."}`, `{"event":"error","code","msg"}`, `{"event":"notice","code":"64008",...}` */
export interface OkxEvent {
  event: 'subscribe' | 'unsubscribe' | 'error' | 'notice' | 'channel-conn-count' | 'channel-conn-count-error' | string;
  arg?: OkxArg;
  code?: string;
  msg?: string;
  connId?: string;
}

/** Contract terms from `GET /api/v5/public/instruments?instType=SWAP|FUTURES`. */
export interface OkxContract {
  /** Contract value (`ctVal`) in base currency for linear contracts. */
  readonly ctVal: string;
  /** Inverse contracts (`ctType: "inverse"`) are valued in the quote currency. */
  readonly inverse?: boolean;
}

/** Contract terms of an instrument, or undefined when unknown (or a spot pair). */
export type OkxContractLookup = (instId: string) => OkxContract | undefined;

export const OKX_PUBLIC_WS = 'wss://ws.okx.com:8443/ws/v5/public';
export const OKX_REST = 'https://www.okx.com';
