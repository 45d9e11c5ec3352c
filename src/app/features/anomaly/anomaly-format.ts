import type { TimeframeId } from '../../../core/candles/timeframe';
import { severityOf, type Severity } from '../../../core/models/scoring/severity';
import type { ChartPalette } from '../chart/chart-palette';
import { formatBarTime } from '../chart/price-format';

export function severityColor(palette: ChartPalette, severity: Severity): string {
  return palette.anomaly[severity];
}

/** "0.93 · high", for labels and legends. */
export function scoreText(score: number): string {
  const s = severityOf(score);
  return s === null ? score.toFixed(2) : `${score.toFixed(2)} · ${s}`;
}

/** What an anomaly says in one line (a tooltip, a screen reader, the list). */
export function anomalyLabel(
  row: { openTimeMs: number; score: number; reason: string },
  timeframe: TimeframeId,
): string {
  return `Anomaly ${scoreText(row.score)} at ${formatBarTime(row.openTimeMs, timeframe)}: ${row.reason}`;
}
