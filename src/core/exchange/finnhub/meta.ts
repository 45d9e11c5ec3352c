import type { VenueMeta } from '../venue-meta';
import { FINNHUB_WS } from './wire';

export const finnhubMeta: VenueMeta = {
  venue: 'finnhub',
  label: 'Finnhub',
  exampleSymbol: 'AAPL',
  websockets: [{ name: 'main', defaultBase: FINNHUB_WS }],
  // Used only by the region probe: Finnhub has no keyless listing and no trade backfill.
  rest: 'https://finnhub.io/api/v1',
  backfillBases: [],
};
