import { doneAscending, trimBase, type BackfillSource } from '../backfill';
import type { Trade } from '../types';
import { decimalText, preview, isObject, parseJson } from '../wire-values';
import { KRAKEN_REST } from './wire';

/**
 * Milliseconds from Kraken's float seconds (1688669597.8271). Done on the decimal text so that
 * a double like 1688669597.827 (really ...826999…) does not lose a millisecond; truncated.
 */
export function krakenSecondsToMs(value: unknown): number {
  const text = decimalText(value);
  if (text === null || text.length === 0) return NaN;
  const point = text.indexOf('.');
  const whole = point < 0 ? text : text.slice(0, point);
  const frac = point < 0 ? '' : `${text.slice(point + 1)}000`.slice(0, 3);
  for (let i = 0; i < whole.length; i++) {
    const d = whole.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
  }
  for (let i = 0; i < frac.length; i++) {
    const d = frac.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
  }
  if (whole.length === 0) return NaN;
  return Number(whole) * 1000 + (frac.length > 0 ? Number(frac) : 0);
}

/** REST pair from a websocket symbol: "BTC/USD" → "BTCUSD" (Kraken maps BTC to XBT itself). */
export function krakenRestPair(symbol: string): string {
  return symbol.replace('/', '');
}

/**
 * `GET /0/public/Trades?pair=&since=<ns>&count=1000`: ascending trades after a nanosecond time
 * cursor; `result.last` is the next cursor. There is no id cursor, so a gap is refilled from the
 * time of the last trade before it, and the integrity stage drops the overlap by id.
 * Rows: `[price, volume, time (s, float), "b"|"s", "m"|"l", misc, trade_id]`; side is the taker's.
 */
export const krakenTrades: BackfillSource = {
  venue: 'kraken',
  name: 'Trades',
  defaultBase: KRAKEN_REST,
  direction: 'ascending',
  maxLimit: 1000,
  // One ms before the last trade we hold before the gap, in ns.
  cursorForGap: (gap) => `${Math.max(0, gap.fromTimeMs - 1)}000000`,
  url: (base, symbol, cursor, limit = 1000) =>
    `${trimBase(base)}/0/public/Trades?pair=${encodeURIComponent(krakenRestPair(symbol))}&since=${encodeURIComponent(cursor)}&count=${limit}`,
  parse(body, symbol) {
    const msg = parseJson(body);
    if (!isObject(msg)) return { trades: [], next: null, rejected: 0, error: `not JSON: ${preview(body)}` };
    const errors = msg['error'];
    if (Array.isArray(errors) && errors.length > 0)
      return { trades: [], next: null, rejected: 0, error: errors.join('; ') };
    const result = msg['result'];
    if (!isObject(result)) return { trades: [], next: null, rejected: 0, error: 'no result' };
    let rows: unknown;
    for (const key of Object.keys(result)) if (key !== 'last') rows = result[key];
    if (!Array.isArray(rows)) return { trades: [], next: null, rejected: 0, error: 'no trade rows' };
    const trades: Trade[] = [];
    let rejected = 0;
    for (const row of rows) {
      if (!Array.isArray(row)) {
        rejected++;
        continue;
      }
      const [p, v, t, s, , , id] = row as unknown[];
      const price = decimalText(p);
      const size = decimalText(v);
      const timeMs = krakenSecondsToMs(t);
      if (
        price === null ||
        size === null ||
        Number.isNaN(timeMs) ||
        (s !== 'b' && s !== 's') ||
        typeof id !== 'number'
      ) {
        rejected++;
        continue;
      }
      trades.push({ venue: 'kraken', symbol, id, timeMs, price, size, side: s === 'b' ? 'buy' : 'sell' });
    }
    const last = result['last'];
    const next =
      trades.length === 0 ? null : typeof last === 'string' || typeof last === 'number' ? String(last) : null;
    return { trades, next, rejected };
  },
  done: doneAscending,
};
