import type { VenueId } from '../exchange/types';

/** Every venue id, checked against the type so a new venue cannot be forgotten here. */
const VENUES: Record<VenueId, true> = {
  'binance-spot': true,
  'binance-usdm': true,
  coinbase: true,
  kraken: true,
  'bybit-spot': true,
  'bybit-linear': true,
  okx: true,
  bitstamp: true,
  finnhub: true,
  demo: true,
};

/** Every venue id, in the order pickers list them. */
export const VENUE_IDS: readonly VenueId[] = Object.keys(VENUES) as VenueId[];

export const MAX_SYMBOL_LENGTH = 40;

export function isVenueId(value: string): value is VenueId {
  return Object.hasOwn(VENUES, value);
}

/**
 * A symbol as venues spell them (BTCUSDT, BTC-USD, XBT/USD, BINANCE:BTCUSDT, OANDA:EUR_USD):
 * letters, digits and `-_./:`, starting with a letter or digit, at most 40 characters. This
 * refuses empty names, markup and `__proto__`-style keys before they reach storage.
 */
export function isPlausibleSymbol(value: string): boolean {
  return value.length <= MAX_SYMBOL_LENGTH && /^[A-Za-z0-9][A-Za-z0-9_./:-]*$/.test(value);
}
