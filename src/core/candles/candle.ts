import type { VenueId } from '../exchange/types';
import type { TimeframeId } from './timeframe';

/**
 * One OHLCV bar. Prices and volumes are exact decimal text (see `core/decimal`); `vwap` is a
 * derived double. `closed` is false for the forming bar.
 */
export interface Candle {
  readonly venue: VenueId;
  readonly symbol: string;
  readonly timeframe: TimeframeId;
  readonly openTimeMs: number;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  /** Base-asset volume. */
  readonly volume: string;
  readonly quoteVolume: string;
  /** Taker-buy base volume. */
  readonly buyVolume: string;
  /** Taker-sell base volume. Trades of unknown side count in `volume` only. */
  readonly sellVolume: string;
  readonly trades: number;
  readonly vwap: number;
  readonly firstTradeId?: number;
  readonly lastTradeId?: number;
  readonly closed: boolean;
}

/**
 * `add`: a bar closed (or a closed bar was corrected by a late trade).
 * `replace`: the forming bar changed. The chart treats both as "set the bar at this time".
 */
export interface CandleUpdate {
  readonly kind: 'add' | 'replace';
  readonly candle: Candle;
}
