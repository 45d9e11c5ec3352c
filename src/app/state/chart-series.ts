import type { TimeframeId } from '../../core/candles/timeframe';
import { parseInstrumentKey, type InstrumentKey, type VenueId } from '../../core/exchange/types';
import { demoSymbolFor } from '../../core/instruments/symbols';
import { venueLabel } from '../features/instruments/venue-badge';
import type { ChartSeries } from '../features/chart/chart-history';

const FALLBACK: ChartSeries = { venue: 'binance-spot', symbol: 'BTCUSDT' };

/** Where the chart reads from: the selected instrument, or its demo stand-in while on demo data. */
export function seriesFor(selected: string, source: string | undefined): ChartSeries {
  const parsed = parseInstrumentKey(selected) ?? FALLBACK;
  if (source !== 'demo' || parsed.venue === 'demo') return parsed;
  return { venue: 'demo' as VenueId, symbol: demoSymbolFor(selected) ?? 'BTCUSDT' };
}

export function keyOfSeries(series: ChartSeries): InstrumentKey {
  return `${series.venue}:${series.symbol}`;
}

/**
 * The chart's title names what is drawn; when demo data stands in for the selected instrument,
 * the subtitle says so and names the instrument it stands in for.
 */
export function chartTitle(
  selected: string,
  series: ChartSeries,
  timeframe: TimeframeId,
): { title: string; subtitle: string | null } {
  const title = `${series.symbol} · ${venueLabel(series.venue)} · ${timeframe}`;
  const parsed = parseInstrumentKey(selected);
  if (series.venue !== 'demo' || parsed === null || parsed.venue === 'demo') return { title, subtitle: null };
  const standsFor = `${parsed.symbol} · ${venueLabel(parsed.venue)}`;
  return demoSymbolFor(selected) === null
    ? { title, subtitle: `simulated market; no demo stand-in for ${standsFor}` }
    : { title, subtitle: `simulated market standing in for ${standsFor}` };
}
