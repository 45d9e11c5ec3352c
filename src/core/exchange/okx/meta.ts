import type { VenueMeta } from '../venue-meta';
import { OKX_PUBLIC_WS, OKX_REST } from './wire';

export const okxMeta: VenueMeta = {
  venue: 'okx',
  label: 'OKX',
  exampleSymbol: 'BTC-USDT',
  websockets: [{ name: 'main', defaultBase: OKX_PUBLIC_WS }],
  rest: OKX_REST,
  backfillBases: [OKX_REST],
};
