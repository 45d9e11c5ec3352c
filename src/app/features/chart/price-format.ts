import { timeframeMs, type TimeframeId } from '../../../core/candles/timeframe';

/** Decimals a price text carries, trailing zeros ignored ("66979.50" → 1). */
export function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.replace(/0+$/, '').length - dot - 1;
}

/** Decimals of a tick size ("0.01" → 2, "0.5" → 1, "1" → 0). */
export function tickDecimals(tick: string | undefined): number | null {
  if (tick === undefined || !/^\d+(\.\d+)?$/.test(tick)) return null;
  return decimalsOf(tick);
}

/**
 * The instrument's display precision: its tick when known, else the most decimals its prices
 * use; never more than 8.
 */
export function pricePrecision(prices: Iterable<string>, tick?: string): number {
  const fromTick = tickDecimals(tick);
  let most = fromTick ?? 0;
  for (const p of prices) most = Math.max(most, decimalsOf(p));
  return Math.min(8, most);
}

/**
 * A price text at `precision` decimals, exactly: zeros are appended, never rounded away
 * (a price with more decimals than the tick keeps them).
 */
export function formatPrice(text: string, precision: number): string {
  const have = decimalsOf(text);
  const trimmed = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  if (have >= precision) return have === 0 ? trimmed : trimmed;
  const dot = trimmed.includes('.') ? '' : '.';
  return `${trimmed}${dot}${'0'.repeat(precision - have)}`;
}

/**
 * An indicator value for a legend: about five significant digits (RSI 54.321, MACD 12.345,
 * OBV 1234567), or `—` while the indicator warms up.
 */
export function formatValue(value: number | null, precision?: number): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (precision !== undefined) return value.toFixed(precision);
  const magnitude = value === 0 ? 0 : Math.floor(Math.log10(Math.abs(value)));
  return value.toFixed(Math.min(8, Math.max(0, 4 - magnitude)));
}

/** A bar's time, as precise as its timeframe: seconds for sub-minute bars, the date for days. */
export function formatBarTime(ms: number, timeframe: TimeframeId): string {
  const iso = new Date(ms).toISOString();
  const length = timeframeMs(timeframe);
  if (length >= 86_400_000) return `${iso.slice(0, 10)} UTC`;
  return `${iso.slice(0, length < 60_000 ? 19 : 16).replace('T', ' ')} UTC`;
}

/** Spread in basis points with enough decimals to mean something; `—` when unknown. */
export function formatBps(bps: number | null): string {
  if (bps === null || !Number.isFinite(bps) || bps < 0) return '—';
  if (bps === 0) return '0 bps (locked)';
  const decimals = bps >= 10 ? 1 : bps >= 1 ? 2 : Math.min(4, 1 - Math.floor(Math.log10(bps)) + 1);
  return `${bps.toFixed(decimals)} bps`;
}
