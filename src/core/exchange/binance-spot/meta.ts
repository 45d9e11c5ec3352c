import type { VenueMeta } from '../venue-meta';
import { BINANCE_SPOT_REST, BINANCE_SPOT_WS } from './wire';

export const binanceSpotMeta: VenueMeta = {
  venue: 'binance-spot',
  label: 'Binance spot',
  exampleSymbol: 'BTCUSDT',
  websockets: [{ name: 'main', defaultBase: BINANCE_SPOT_WS }],
  rest: BINANCE_SPOT_REST,
  backfillBases: [BINANCE_SPOT_REST],
};
