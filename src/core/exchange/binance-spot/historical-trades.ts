import type { Trade } from '../types';

/** One row of GET /api/v3/historicalTrades (and /api/v3/trades). */
export interface BinanceRestTrade {
  id: number;
  price: string;
  qty: string;
  quoteQty?: string;
  time: number;
  isBuyerMaker: boolean;
  isBestMatch?: boolean;
}

/** Page size Binance allows for historicalTrades. */
export const HISTORICAL_TRADES_LIMIT = 1000;

/** Trades by trade id, `fromId` inclusive: the exact source for a `@trade` id gap. */
export function historicalTradesUrl(restBase: string, symbol: string, fromId: number): string {
  return `${restBase.replace(/\/+$/, '')}/api/v3/historicalTrades?symbol=${encodeURIComponent(symbol)}&fromId=${fromId}&limit=${HISTORICAL_TRADES_LIMIT}`;
}

export function parseHistoricalTrades(body: unknown, symbol: string): Trade[] {
  if (!Array.isArray(body)) throw new Error('historicalTrades: expected an array');
  return body.map((row: BinanceRestTrade) => {
    if (typeof row?.id !== 'number' || typeof row.price !== 'string' || typeof row.qty !== 'string') {
      throw new Error(`historicalTrades: malformed row ${JSON.stringify(row).slice(0, 120)}`);
    }
    return {
      venue: 'binance-spot',
      symbol,
      id: row.id,
      timeMs: row.time,
      price: row.price,
      size: row.qty,
      side: row.isBuyerMaker ? 'sell' : 'buy',
    } satisfies Trade;
  });
}

export function exchangeInfoUrl(restBase: string, symbols: readonly string[]): string {
  return `${restBase.replace(/\/+$/, '')}/api/v3/exchangeInfo?symbols=${encodeURIComponent(JSON.stringify(symbols))}`;
}
