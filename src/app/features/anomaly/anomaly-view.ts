import type { TimeframeId } from '../../../core/candles/timeframe';
import { seriesFor } from '../../state/chart-series';
import type { ChartSeries } from '../chart/chart-history';
import type { AnomalyView } from './anomaly.svelte';

/**
 * What the model worker scores: the chart's series on its timeframe, and every instrument of the
 * watch list on the same timeframe (each as the chart would draw it: its demo stand-in on demo data).
 */
export function anomalyView(
  chart: ChartSeries,
  timeframe: TimeframeId,
  instruments: readonly string[],
  source: string | undefined,
): AnomalyView {
  const seen = new Set([`${chart.venue}:${chart.symbol}`]);
  const others = [];
  for (const key of instruments) {
    const s = seriesFor(key, source);
    const id = `${s.venue}:${s.symbol}`;
    if (seen.has(id)) continue;
    seen.add(id);
    others.push({ venue: s.venue, symbol: s.symbol, timeframe });
  }
  return { chart: { venue: chart.venue, symbol: chart.symbol, timeframe }, others };
}
