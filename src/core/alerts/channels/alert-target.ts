import { isTimeframe, type TimeframeId } from '../../candles/timeframe';
import type { AlertFiring } from '../firing';
import { parseInstrumentKey } from '../../exchange/types';

/**
 * Where a firing takes the trader: the instrument ("venue:SYMBOL"), its timeframe and the bar
 * that fired. It travels in a notification's `data` and as the query of the window a click
 * opens (`/?show=…&tf=…&bar=…&rule=…`). These parameters only select what is shown; nothing
 * in them can change an endpoint, a token or the watch list.
 */
export interface AlertTarget {
  readonly instrument: string;
  readonly timeframe: TimeframeId;
  readonly barOpenMs: number;
  readonly ruleId: string;
  /** The same target as a same-origin path with query. */
  readonly url: string;
}

const MAX_TEXT = 200;

/** `a=1&b=x%3Ay`: core has no URLSearchParams (no DOM lib); every decoder reads this form. */
export function formEncode(fields: Readonly<Record<string, string>>): string {
  return Object.entries(fields)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}

/** What a target is read from: `URLSearchParams` in the page. */
export interface QueryLike {
  get(name: string): string | null;
}

function targetUrl(instrument: string, timeframe: TimeframeId, barOpenMs: number, ruleId: string): string {
  return `/?${formEncode({ show: instrument, tf: timeframe, bar: String(barOpenMs), rule: ruleId })}`;
}

/** A target for a firing, or null when a part is not something the app can show. */
export function alertTarget(
  instrument: string,
  timeframe: string,
  barOpenMs: number,
  ruleId: string,
): AlertTarget | null {
  if (instrument.length > MAX_TEXT || ruleId.length > MAX_TEXT) return null;
  if (parseInstrumentKey(instrument) === null || !isTimeframe(timeframe)) return null;
  if (!Number.isSafeInteger(barOpenMs) || barOpenMs < 0) return null;
  return { instrument, timeframe, barOpenMs, ruleId, url: targetUrl(instrument, timeframe, barOpenMs, ruleId) };
}

/** Where a firing takes the trader, or null for a firing of no one instrument (feed health). */
export function firingTarget(firing: AlertFiring): AlertTarget | null {
  if (firing.instrument === null || firing.timeframe === null) return null;
  return alertTarget(firing.instrument, firing.timeframe, firing.openTimeMs, firing.ruleId);
}

/** Reads a target back from a notification's data (anything: it is checked field by field). */
export function alertTargetOf(data: unknown): AlertTarget | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  const { instrument, timeframe, barOpenMs, ruleId } = d;
  if (typeof instrument !== 'string' || typeof timeframe !== 'string' || typeof ruleId !== 'string') return null;
  if (typeof barOpenMs !== 'number') return null;
  return alertTarget(instrument, timeframe, barOpenMs, ruleId);
}

/** The target a page's query names (`show`, `tf`, `bar`, `rule`), or null without one. */
export function alertTargetFromQuery(query: QueryLike): AlertTarget | null {
  const show = query.get('show');
  const tf = query.get('tf');
  const bar = query.get('bar');
  if (show === null || tf === null || bar === null || !/^\d{1,16}$/.test(bar)) return null;
  return alertTarget(show, tf, Number(bar), query.get('rule') ?? '');
}

/** The query parameters a target uses: the page removes them once shown. */
export const ALERT_TARGET_PARAMS: readonly string[] = ['show', 'tf', 'bar', 'rule'];
