import type { TimeframeId } from '../candles/timeframe';
import type { InstrumentKey, VenueId } from '../exchange/types';

/**
 * What the engine evaluates: one event at a time, in arrival order. Bars drive every candle rule
 * (the engine computes the indicators, spikes, moves, pair z-scores and divergences the rules
 * need from them); the other inputs come from the stages that compute them.
 */

/** One bar of one series: closed (committed) or forming (a preview, superseded when it closes). */
export interface AlertBar {
  readonly type: 'bar';
  readonly key: InstrumentKey;
  readonly timeframe: TimeframeId;
  readonly openTimeMs: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** The close as exact decimal text, for price levels. */
  readonly closeText: string;
  readonly volume: number;
  readonly buyVolume?: number;
  readonly sellVolume?: number;
  readonly trades: number;
  readonly closed: boolean;
  /** When it arrived (epoch ms), the clock for cooldowns and quiet hours; default `openTimeMs`. */
  readonly atMs?: number;
}

/** Health of one venue, as the feed controller reports it (one event per venue per report). */
export interface HealthInput {
  readonly type: 'health';
  readonly venue: VenueId;
  /** When the report was made (epoch ms). */
  readonly timeMs: number;
  /** At least one of its connections is open and receiving. */
  readonly connected: boolean;
  /** Age of the newest message over the venue's connections, ms. */
  readonly lastMessageAgeMs: number;
  /** Unfillable gaps so far (a running count; an increase is a new gap). */
  readonly gapsUnfillable: number;
}

/** An anomaly score of one bar (model worker). */
export interface AnomalyInput {
  readonly type: 'anomaly';
  readonly key: InstrumentKey;
  readonly timeframe: TimeframeId;
  readonly openTimeMs: number;
  readonly score: number;
  readonly model?: string;
  /** False while the bar is forming. Default true. */
  readonly closed?: boolean;
  /** When it arrived (epoch ms); default `openTimeMs`. */
  readonly atMs?: number;
}

/** A forecast or trading signal for one bar. */
export interface SignalInput {
  readonly type: 'signal';
  readonly key: InstrumentKey;
  readonly timeframe: TimeframeId;
  readonly openTimeMs: number;
  readonly source: 'forecast' | 'signal';
  readonly direction: 'up' | 'down' | 'flat';
  /** 0..1. */
  readonly confidence: number;
  readonly model?: string;
  readonly closed?: boolean;
  readonly atMs?: number;
}

/**
 * News sentiment about one instrument over one bar (the news stage's per-bar series): the mean
 * score of the `articles` articles published in it. The engine pools these over a rule's window.
 */
export interface SentimentInput {
  readonly type: 'sentiment';
  readonly key: InstrumentKey;
  readonly timeframe: TimeframeId;
  readonly openTimeMs: number;
  readonly articles: number;
  readonly meanScore: number;
  readonly atMs?: number;
}

export type AlertInput = AlertBar | HealthInput | AnomalyInput | SignalInput | SentimentInput;
