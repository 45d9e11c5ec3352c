import { doneAscending, trimBase, type BackfillSource } from '../backfill';
import { parseBinanceAggTradesPage } from '../binance-spot/backfill';
import { BINANCE_USDM_REST } from './wire';

/**
 * USD-M aggregate ids: `GET /fapi/v1/aggTrades?symbol=&fromId=&limit=1000` (inclusive fromId,
 * ascending). Futures historicalTrades traditionally needs an API key, so aggTrades is the source.
 */
export const binanceUsdmAggTrades: BackfillSource = {
  venue: 'binance-usdm',
  name: 'aggTrades',
  defaultBase: BINANCE_USDM_REST,
  direction: 'ascending',
  maxLimit: 1000,
  cursorForGap: (gap) => String(gap.fromId),
  url: (base, symbol, cursor, limit = 1000) =>
    `${trimBase(base)}/fapi/v1/aggTrades?symbol=${encodeURIComponent(symbol.toUpperCase())}&fromId=${encodeURIComponent(cursor)}&limit=${limit}`,
  parse: (body, symbol) => parseBinanceAggTradesPage(body, 'binance-usdm', symbol),
  done: doneAscending,
};
