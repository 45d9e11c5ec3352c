import { preview } from './wire-values';

/**
 * What a venue symbol may look like once it leaves a parser. Symbols become instrument keys,
 * IndexedDB keys, Map and object keys and text on screen, so one from a hostile frame must not be
 * empty, huge, or a name objects already carry (`__proto__`, `constructor`).
 *
 * Real spellings are short: `BTCUSDT`, `BTC-USDT-SWAP`, `BTC/USD`, `BINANCE:BTCUSDT`,
 * `OANDA:EUR_USD`, `BRK.B`, `IC MARKETS:1`, and listings in other scripts (`币安人生USDT`).
 * So: 1–40 characters, starting with a letter or digit (any script), then letters, digits, spaces
 * and `. _ - / : ^ = # +`, ending without a space.
 */
export const MAX_SYMBOL_LENGTH = 40;

const SHAPE = /^[\p{L}\p{N}][\p{L}\p{N} ._\-/:^=#+]*$/u;
const RESERVED = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** Symbols already seen to pass: the check runs per trade, and a feed repeats a few symbols. */
const known = new Set<string>();
const KNOWN_CAP = 1_024;

/** Why a symbol is refused, or null when it is acceptable. */
export function symbolProblem(symbol: unknown): string | null {
  if (typeof symbol !== 'string') return `symbol ${preview(symbol)}`;
  if (known.has(symbol)) return null;
  if (symbol.length === 0) return 'empty symbol';
  if (symbol.length > MAX_SYMBOL_LENGTH) return `symbol of ${symbol.length} characters ${preview(symbol)}`;
  if (!SHAPE.test(symbol) || symbol.endsWith(' ')) return `symbol ${preview(symbol)}`;
  if (RESERVED.has(symbol)) return `reserved symbol ${preview(symbol)}`;
  if (known.size >= KNOWN_CAP) known.clear();
  known.add(symbol);
  return null;
}
