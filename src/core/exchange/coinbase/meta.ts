import type { VenueMeta } from '../venue-meta';
import { COINBASE_REST, COINBASE_WS } from './wire';

export const coinbaseMeta: VenueMeta = {
  venue: 'coinbase',
  label: 'Coinbase Exchange',
  exampleSymbol: 'BTC-USD',
  websockets: [{ name: 'main', defaultBase: COINBASE_WS }],
  rest: COINBASE_REST,
  backfillBases: [COINBASE_REST],
};
