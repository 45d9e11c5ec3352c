import type { VenueMeta } from '../venue-meta';
import { BINANCE_USDM_MARKET_WS, BINANCE_USDM_PUBLIC_WS, BINANCE_USDM_REST } from './wire';

export const binanceUsdmMeta: VenueMeta = {
  venue: 'binance-usdm',
  label: 'Binance USD-M futures',
  exampleSymbol: 'BTCUSDT',
  websockets: [
    { name: 'market', defaultBase: BINANCE_USDM_MARKET_WS },
    { name: 'public', defaultBase: BINANCE_USDM_PUBLIC_WS },
  ],
  rest: BINANCE_USDM_REST,
  backfillBases: [BINANCE_USDM_REST],
};
