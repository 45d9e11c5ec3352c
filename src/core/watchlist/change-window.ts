import type { TimeframeId } from '../candles/timeframe';

export type ChangeWindowId = '1h' | '4h' | '24h' | '7d';

export interface ChangeWindow {
  readonly id: ChangeWindowId;
  readonly ms: number;
  /**
   * Bars the change and the sparkline are read from: fine enough for a smooth line, coarse
   * enough that a window stays a few hundred points per instrument.
   */
  readonly timeframe: TimeframeId;
}

export const CHANGE_WINDOWS: readonly ChangeWindow[] = [
  { id: '1h', ms: 3_600_000, timeframe: '1m' },
  { id: '4h', ms: 4 * 3_600_000, timeframe: '1m' },
  { id: '24h', ms: 24 * 3_600_000, timeframe: '5m' },
  { id: '7d', ms: 7 * 86_400_000, timeframe: '1h' },
];

export const DEFAULT_CHANGE_WINDOW: ChangeWindowId = '24h';

export function isChangeWindowId(value: unknown): value is ChangeWindowId {
  return CHANGE_WINDOWS.some((w) => w.id === value);
}

export function changeWindow(id: ChangeWindowId): ChangeWindow {
  return CHANGE_WINDOWS.find((w) => w.id === id) as ChangeWindow;
}
