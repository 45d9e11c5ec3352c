import type { VenueMeta } from '../venue-meta';
import { BYBIT_LINEAR_WS, BYBIT_SPOT_WS } from './wire';

/** Bybit's REST (listing only: it has no public trades-by-id history, so no backfill). */
const BYBIT_REST = 'https://api.bybit.com';

export const bybitSpotMeta: VenueMeta = {
  venue: 'bybit-spot',
  label: 'Bybit spot',
  exampleSymbol: 'BTCUSDT',
  websockets: [{ name: 'main', defaultBase: BYBIT_SPOT_WS }],
  rest: BYBIT_REST,
  backfillBases: [],
};

export const bybitLinearMeta: VenueMeta = {
  venue: 'bybit-linear',
  label: 'Bybit linear perpetuals',
  exampleSymbol: 'BTCUSDT',
  websockets: [{ name: 'main', defaultBase: BYBIT_LINEAR_WS }],
  rest: BYBIT_REST,
  backfillBases: [],
};
