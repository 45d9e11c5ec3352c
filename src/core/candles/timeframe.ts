/** Bar lengths Tapewatch aggregates. All are UTC-aligned; 1d starts at 00:00 UTC. */
export const TIMEFRAMES = ['1s', '5s', '15s', '1m', '5m', '15m', '1h', '4h', '1d'] as const;

export type TimeframeId = (typeof TIMEFRAMES)[number];

const DURATION_MS: Record<TimeframeId, number> = {
  '1s': 1_000,
  '5s': 5_000,
  '15s': 15_000,
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
};

export function isTimeframe(value: string): value is TimeframeId {
  return (TIMEFRAMES as readonly string[]).includes(value);
}

export function timeframeMs(tf: TimeframeId): number {
  return DURATION_MS[tf];
}

/** Open time of the bar that contains `timeMs` (epoch is UTC midnight, so every length aligns). */
export function bucketStart(timeMs: number, tf: TimeframeId): number {
  const len = DURATION_MS[tf];
  return timeMs - (((timeMs % len) + len) % len);
}
