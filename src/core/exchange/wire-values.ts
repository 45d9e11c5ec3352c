/**
 * Small, allocation-light readers for the value encodings venues use on the wire. They run per
 * trade in the feed worker, so no regexes and no Date string parsing on the common path, and they
 * never throw: a bad value comes back as null/NaN for the parser to reject.
 */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a frame; undefined when it is not JSON (the caller rejects it as `not-json`). */
export function parseJson(frame: string): unknown {
  try {
    return JSON.parse(frame) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Exact decimal text for a price or size that a venue sent as a JSON number (Kraken v2, Finnhub)
 * or as a string (passed through untouched).
 *
 * `JSON.parse` has already turned the literal into a double; `String(n)` gives the shortest text
 * that parses back to that double, which is the literal the venue sent whenever it had at most 15
 * significant digits (every realistic price and size: Kraken quotes ≤ 10). Literals with 17+
 * significant digits may come back shortened to the nearest double's shortest form; a venue that
 * needs that precision must send strings. Exponent forms (`1e-7`, `1.5e+21`) are expanded, since
 * stored prices are plain decimals.
 */
export function decimalText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const text = String(value);
  const e = text.indexOf('e');
  return e < 0 ? text : expandExponent(text, e);
}

function expandExponent(text: string, e: number): string {
  const negative = text.charCodeAt(0) === 45; /* - */
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const point = mantissa.indexOf('.');
  const digits = point < 0 ? mantissa : mantissa.slice(0, point) + mantissa.slice(point + 1);
  const newPoint = (point < 0 ? mantissa.length : point) + exponent;
  let out: string;
  if (newPoint <= 0) out = `0.${'0'.repeat(-newPoint)}${digits}`;
  else if (newPoint >= digits.length) out = digits + '0'.repeat(newPoint - digits.length);
  else out = `${digits.slice(0, newPoint)}.${digits.slice(newPoint)}`;
  return negative ? `-${out}` : out;
}

function digitsAt(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Milliseconds since the epoch for an RFC 3339 time ("2014-11-07T08:19:27.028459Z",
 * "...+02:00"), NaN when malformed. Fractions beyond ms (µs, ns) are truncated, never rounded,
 * so a trade never moves into the next millisecond (or candle) than the one it happened in.
 */
export function rfc3339ToMs(text: unknown): number {
  if (typeof text !== 'string' || text.length < 20) return NaN;
  const c = (i: number) => text.charCodeAt(i);
  if (c(4) !== 45 || c(7) !== 45 || c(13) !== 58 || c(16) !== 58) return NaN;
  const sep = c(10);
  if (sep !== 84 /* T */ && sep !== 116 /* t */ && sep !== 32 /* space */) return NaN;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) return NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return NaN;
  let i = 19;
  let ms = 0;
  if (c(i) === 46 /* . */) {
    i++;
    let digits = 0;
    for (; i < text.length; i++) {
      const d = c(i) - 48;
      if (d < 0 || d > 9) break;
      if (digits < 3) ms = ms * 10 + d;
      digits++;
    }
    if (digits === 0) return NaN;
    for (let k = digits; k < 3; k++) ms *= 10;
  }
  let offsetMinutes = 0;
  const zone = c(i);
  if (zone === 90 /* Z */ || zone === 122 /* z */) {
    i++;
  } else if (zone === 43 /* + */ || zone === 45 /* - */) {
    const oh = digitsAt(text, i + 1, 2);
    const om = digitsAt(text, i + 4, 2);
    if (oh < 0 || om < 0 || c(i + 3) !== 58) return NaN;
    offsetMinutes = (oh * 60 + om) * (zone === 43 ? 1 : -1);
    i += 6;
  } else {
    return NaN;
  }
  if (i !== text.length) return NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
}

/** A non-negative integer from a JSON number or an all-digits string; NaN otherwise or past 2^53. */
export function integerValue(value: unknown): number {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : NaN;
  if (typeof value !== 'string' || value.length === 0 || value.length > 16) return NaN;
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return Number.isSafeInteger(n) ? n : NaN;
}

/** Milliseconds from a µs count sent as digits (Bitstamp `microtimestamp`), truncated; NaN when bad. */
export function microsToMs(value: unknown): number {
  const us = integerValue(value);
  return Number.isNaN(us) ? NaN : Math.floor(us / 1000);
}

const PREVIEW_CHARS = 80;
/** How deep a preview looks into nested values; deeper ones print as `…`. */
const PREVIEW_DEPTH = 3;
/** How many items or keys of one array or object a preview lists. */
const PREVIEW_ITEMS = 6;

/**
 * Short printable form of an unknown value for reject details. Bounded in depth, width and length
 * and built only from primitives and own keys, so it never throws and never recurses far: a frame
 * nested 5,000 deep, or an object whose keys shadow `toString`/`valueOf`/`toJSON`, previews like
 * any other value (`JSON.stringify` and `String` overflow or throw on those).
 */
export function preview(value: unknown): string {
  const text = previewAt(value, 0);
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
}

function previewAt(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > PREVIEW_CHARS ? value.slice(0, PREVIEW_CHARS) : value);
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'undefined':
      return 'undefined';
    case 'object':
      break;
    default:
      return typeof value;
  }
  if (value === null) return 'null';
  if (depth >= PREVIEW_DEPTH) return Array.isArray(value) ? '[…]' : '{…}';
  const parts: string[] = [];
  if (Array.isArray(value)) {
    const items: unknown[] = value;
    for (let i = 0; i < items.length && i < PREVIEW_ITEMS; i++) parts.push(previewAt(items[i], depth + 1));
    if (items.length > PREVIEW_ITEMS) parts.push('…');
    return `[${parts.join(',')}]`;
  }
  const keys = Object.keys(value);
  const record = value as JsonObject;
  for (let i = 0; i < keys.length && i < PREVIEW_ITEMS; i++) {
    const key = keys[i] as string;
    parts.push(`${previewAt(key, depth + 1)}:${previewAt(record[key], depth + 1)}`);
  }
  if (keys.length > PREVIEW_ITEMS) parts.push('…');
  return `{${parts.join(',')}}`;
}

/** A venue's free-text field (an error message or code) as text: strings as they are, the rest previewed. */
export function textOf(value: unknown): string {
  return typeof value === 'string' ? value : preview(value);
}
