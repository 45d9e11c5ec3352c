import type { VenueId } from '../../../core/exchange/types';
import { isLiveVenue } from '../../../core/exchange/venues';
import { DEMO_INSTRUMENTS } from '../../../core/demo/demo-market';
import type { InstrumentStore } from '../../../data/instrument-store';

/**
 * An instrument's tick size from its venue listing (cached, or the shipped list), the demo
 * market's own for demo series; undefined when unknown (prices then show the digits they carry).
 */
export async function tickSizeOf(
  venue: VenueId,
  symbol: string,
  store: InstrumentStore | null,
): Promise<string | undefined> {
  if (venue === 'demo') {
    const demo = DEMO_INSTRUMENTS.find((d) => d.symbol === symbol);
    return demo === undefined ? undefined : (10 ** -demo.tickDecimals).toFixed(demo.tickDecimals);
  }
  if (store === null || !isLiveVenue(venue)) return undefined;
  try {
    return (await store.cachedOrShipped(venue)).find((i) => i.symbol === symbol)?.tickSize;
  } catch {
    return undefined;
  }
}
