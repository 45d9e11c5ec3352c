import type { TimeframeId } from '../candles/timeframe';

export interface RetentionConfig {
  /** Raw trades are kept this long (rolling). */
  readonly tradeRetentionMs: number;
  /** Best bid/ask samples are kept this long. */
  readonly quoteRetentionMs: number;
  /** Sub-minute bars older than this are dropped; 1m and longer bars are never evicted. */
  readonly fineCandleHorizonMs: number;
  /** Above this share of the quota, eviction starts even inside the retention windows. */
  readonly pressureRatio: number;
}

export const DEFAULT_RETENTION: RetentionConfig = {
  tradeRetentionMs: 24 * 3_600_000,
  quoteRetentionMs: 24 * 3_600_000,
  fineCandleHorizonMs: 7 * 24 * 3_600_000,
  pressureRatio: 0.8,
};

/** Bars that may be evicted under pressure, finest first. 1m and longer are history: never. */
export const EVICTABLE_TIMEFRAMES: readonly TimeframeId[] = ['1s', '5s', '15s'];

export type EvictionStep =
  | { readonly table: 'trades' | 'quotes'; readonly beforeMs: number }
  | { readonly table: 'candles'; readonly timeframe: TimeframeId; readonly beforeMs: number };

/** The routine sweep: everything past its retention window. */
export function routineSteps(nowMs: number, config: RetentionConfig): EvictionStep[] {
  return [
    { table: 'trades', beforeMs: nowMs - config.tradeRetentionMs },
    { table: 'quotes', beforeMs: nowMs - config.quoteRetentionMs },
    ...EVICTABLE_TIMEFRAMES.map((timeframe) => ({
      table: 'candles' as const,
      timeframe,
      beforeMs: nowMs - config.fineCandleHorizonMs,
    })),
  ];
}

export interface OldestRows {
  readonly trades?: number;
  readonly quotes?: number;
  readonly candles: Partial<Record<TimeframeId, number>>;
}

/**
 * Under quota pressure: the next step, in policy order — raw trades oldest first (half of what is
 * left each time), then quote samples, then sub-minute bars. Null when nothing evictable is left:
 * the caller must tell the user storage is full rather than touch 1m history.
 */
export function nextPressureStep(nowMs: number, oldest: OldestRows): EvictionStep | null {
  const half = (from: number) => Math.ceil(from + (nowMs - from) / 2);
  if (oldest.trades !== undefined) return { table: 'trades', beforeMs: half(oldest.trades) };
  if (oldest.quotes !== undefined) return { table: 'quotes', beforeMs: half(oldest.quotes) };
  for (const timeframe of EVICTABLE_TIMEFRAMES) {
    const from = oldest.candles[timeframe];
    if (from !== undefined) return { table: 'candles', timeframe, beforeMs: half(from) };
  }
  return null;
}

export function describeStep(step: EvictionStep, rows: number): string {
  const when = new Date(step.beforeMs).toISOString().slice(0, 16).replace('T', ' ');
  const what =
    step.table === 'candles' ? `${step.timeframe} bars` : step.table === 'trades' ? 'raw trades' : 'quote samples';
  return `${rows.toLocaleString('en-US')} ${what} before ${when} UTC`;
}
