import { TIMEFRAMES, type TimeframeId } from '../candles/timeframe';
import type { OkxContract } from '../exchange/okx/wire';
import type { EndpointOverrides } from './venue-endpoints';

export type { EndpointOverrides, VenueOverride } from './venue-endpoints';

export type FeedMode = 'auto' | 'live' | 'demo';

export interface FeedConfig {
  readonly mode: FeedMode;
  /** What to watch, as "venue:SYMBOL" keys in each venue's own spelling ("kraken:BTC/USD"). */
  readonly instruments: readonly string[];
  /** User bases per venue (proxies, the test mock); venues not listed use their defaults. */
  readonly endpoints: EndpointOverrides;
  /** Finnhub API token. A secret: it rides in the socket URL, which is only ever shown redacted. */
  readonly finnhubToken?: string;
  /** The non-default origin the user allowed the Finnhub token to reach; without it, Finnhub's own only. */
  readonly finnhubTokenOrigin?: string;
  /** OKX contract values by instId (from the instrument listing), so SWAP sizes become base units. */
  readonly okxContracts?: Readonly<Record<string, OkxContract>>;
  readonly timeframes: readonly TimeframeId[];
  /** In auto mode, how long the live venues get to connect before the demo feed takes over. */
  readonly liveTimeoutMs: number;
  readonly demoSeed: number;
  /** How much demo history to synthesise when none is stored. */
  readonly demoHistoryMs: number;
}

export const DEFAULT_INSTRUMENTS: readonly string[] = ['binance-spot:BTCUSDT', 'binance-spot:ETHUSDT'];

export const DEFAULT_FEED_CONFIG: FeedConfig = {
  mode: 'auto',
  instruments: DEFAULT_INSTRUMENTS,
  endpoints: {},
  timeframes: TIMEFRAMES,
  liveTimeoutMs: 5_000,
  demoSeed: 1,
  demoHistoryMs: 3 * 3_600_000,
};
