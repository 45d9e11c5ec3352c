import type { LiveVenueId } from '../exchange/venues';
import { instrumentKey, type InstrumentKey } from '../exchange/types';

/** Spot pairs (and Finnhub's stocks, forex and crypto quotes) or perpetual swaps. */
export type InstrumentKind = 'spot' | 'perp';

/**
 * One tradable instrument of a venue, normalised from its public listing. `symbol` is the venue's
 * own spelling exactly as the live feed uses it (what trades and bars are keyed by); `base` and
 * `quote` are canonical asset codes (Kraken's XBT is BTC) for search and display.
 */
export interface Instrument {
  readonly venue: LiveVenueId;
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly kind: InstrumentKind;
  /** Price increment as exact decimal text, where the listing gives one. */
  readonly tickSize?: string;
  /** Base units per contract (OKX SWAP `ctVal`); absent where sizes are already in base units. */
  readonly contractValue?: string;
  /** Inverse contract (valued in the quote currency). */
  readonly inverse?: boolean;
  /** A human name where the symbol alone says little (Finnhub stocks). */
  readonly name?: string;
}

export function keyOf(instrument: Pick<Instrument, 'venue' | 'symbol'>): InstrumentKey {
  return instrumentKey(instrument.venue, instrument.symbol);
}

/**
 * Decimal text without trailing zeros: "0.01000000" → "0.01", "1.00" → "1". Listings pad their
 * increments; the UI shows and compares the canonical form. Not a number conversion: exact.
 */
export function canonicalDecimal(text: string): string {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return t;
  let out = t;
  if (out.includes('.')) out = out.replace(/0+$/, '').replace(/\.$/, '');
  out = out.replace(/^0+(?=\d)/, '');
  return out;
}

/** "0.01" from a number of decimals (Bitstamp `counter_decimals`, Kraken `pair_decimals`). */
export function tickFromDecimals(decimals: number): string | undefined {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 18) return undefined;
  return decimals === 0 ? '1' : `0.${'0'.repeat(decimals - 1)}1`;
}
