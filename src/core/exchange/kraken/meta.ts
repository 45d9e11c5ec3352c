import type { VenueMeta } from '../venue-meta';
import { KRAKEN_REST, KRAKEN_WS } from './wire';

export const krakenMeta: VenueMeta = {
  venue: 'kraken',
  label: 'Kraken',
  exampleSymbol: 'BTC/USD',
  websockets: [{ name: 'main', defaultBase: KRAKEN_WS }],
  rest: KRAKEN_REST,
  backfillBases: [KRAKEN_REST],
};
