import { TIMEFRAMES } from '../../../core/candles/timeframe';
import type { StoredSeriesSummary } from '../../../data/library-store';

/** "12.4 MB": binary units, one decimal past the first. */
export function bytesText(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/** "2026-11-25 14:03 UTC". */
export function utcText(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** A series list in timeframe order (1s … 1d), whatever order storage keeps them in. */
export function byTimeframe(series: readonly StoredSeriesSummary[]): StoredSeriesSummary[] {
  const rank = (tf: string) => {
    const i = (TIMEFRAMES as readonly string[]).indexOf(tf);
    return i < 0 ? TIMEFRAMES.length : i;
  };
  return [...series].sort((a, b) => rank(a.timeframe) - rank(b.timeframe));
}

/** The value of a `datetime-local` input read as UTC ("2026-11-25T14:03" → epoch ms), or null. */
export function parseUtcInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const ms = Date.parse(`${value}${value.length === 16 ? ':00' : ''}Z`);
  return Number.isFinite(ms) ? ms : null;
}

/** Epoch ms as a `datetime-local` value in UTC, minutes precision. */
export function utcInputValue(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}
