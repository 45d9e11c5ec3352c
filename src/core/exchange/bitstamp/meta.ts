import type { VenueMeta } from '../venue-meta';
import { BITSTAMP_WS } from './wire';

export const bitstampMeta: VenueMeta = {
  venue: 'bitstamp',
  label: 'Bitstamp',
  exampleSymbol: 'BTCUSD',
  websockets: [{ name: 'main', defaultBase: BITSTAMP_WS }],
  // Listing only (trading-pairs-info): Bitstamp's REST has no trades by id, so no backfill.
  rest: 'https://www.bitstamp.net/api/v2',
  backfillBases: [],
};
