/** A bar at or above this score is an anomaly: marked on the chart, stored in the anomaly index. */
export const ANOMALY_THRESHOLD = 0.5;

export type Severity = 'low' | 'medium' | 'high';

/**
 * Severity bands of an anomaly's score: 0.5 is the detector's hit level (a likelihood tail near
 * 1e-5), 0.8 and 0.95 are rarer still. Null below the threshold.
 */
export function severityOf(score: number): Severity | null {
  if (!(score >= ANOMALY_THRESHOLD)) return null;
  if (score >= 0.95) return 'high';
  if (score >= 0.8) return 'medium';
  return 'low';
}
