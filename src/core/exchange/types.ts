/** Venues Tapewatch can ingest. `demo` is the built-in simulated feed. */
export type VenueId =
  | 'binance-spot'
  | 'binance-usdm'
  | 'coinbase'
  | 'kraken'
  | 'bybit-spot'
  | 'bybit-linear'
  | 'okx'
  | 'bitstamp'
  | 'finnhub'
  | 'demo';

/** Aggressor (taker) side; `unknown` where the venue does not say (Finnhub). */
export type TakerSide = 'buy' | 'sell' | 'unknown';

/**
 * One normalised trade. Prices and sizes are the venue's exact decimal text, so nothing drifts
 * between the wire and the stored candle; `priceNum` is the same price as a double for ordering.
 */
export interface Trade {
  readonly venue: VenueId;
  /** The venue's own symbol spelling, upper case where the venue is case-insensitive. */
  readonly symbol: string;
  /** Per-symbol trade id where the venue gives a numeric, ordered one. */
  readonly id?: number;
  /**
   * First venue trade id this record covers when one record stands for several ids ending at `id`
   * (OKX `trades` aggregates `count` fills: ids `firstId..id`). Absent means the record is `id` alone.
   */
  readonly firstId?: number;
  readonly timeMs: number;
  readonly price: string;
  readonly size: string;
  readonly side: TakerSide;
}

/** Best bid and offer. */
export interface Quote {
  readonly venue: VenueId;
  readonly symbol: string;
  /** Venue time, or receive time where the venue sends none (Binance spot bookTicker). */
  readonly timeMs: number;
  readonly bid: string;
  readonly bidSize: string;
  readonly ask: string;
  readonly askSize: string;
}

/** Stable key of an instrument across the app: "binance-spot:BTCUSDT". */
export type InstrumentKey = `${VenueId}:${string}`;

export function instrumentKey(venue: VenueId, symbol: string): InstrumentKey {
  return `${venue}:${symbol}`;
}

export function parseInstrumentKey(key: string): { venue: VenueId; symbol: string } | null {
  const at = key.indexOf(':');
  if (at <= 0 || at === key.length - 1) return null;
  return { venue: key.slice(0, at) as VenueId, symbol: key.slice(at + 1) };
}
