import type { TimeframeId } from '../candles/timeframe';
import type { InstrumentKey, VenueId } from '../exchange/types';

/**
 * Alert rules: the JSON objects the app exports and imports and the `alerts` command reads (a
 * JSON array of these). `parseRules` (rule-parse.ts) turns raw JSON into them, with errors that
 * name the rule and the field; fields marked optional take the defaults documented here.
 */

export type AlertPriority = 'critical' | 'normal' | 'info';

/**
 * - `once`: fires the first time, then stays disarmed until the rule is replaced (edited or re-armed).
 * - `once-per-bar`: judged on closed bars only, so at most one firing per bar close.
 * - `every-time`: judged on every arriving value (the forming bar too), at most once per rule and
 *   bar, then silent for `cooldownMs`.
 */
export type TriggerMode = 'once' | 'once-per-bar' | 'every-time';

/**
 * On consecutive values: `crosses-above` fires at t when v(t−1) ≤ level and v(t) > level,
 * `crosses-below` when v(t−1) ≥ level and v(t) < level, `crosses` on either.
 */
export type CrossOp = 'crosses-above' | 'crosses-below' | 'crosses';

/**
 * `above` (v > x) and `below` (v < x) are conditions: the rule fires when the condition holds while
 * it is armed, then disarms until the condition stops holding (beyond the hysteresis).
 */
export type ThresholdOp = 'above' | 'below';

export type CompareOp = CrossOp | ThresholdOp;

export type MoveDirection = 'up' | 'down' | 'either';

/** Exact decimal text (`"57000"`, `"0.00012"`); compared exactly, never as a double. */
export type DecimalText = string;

/** Quiet hours in a time zone: non-critical firings are recorded but flagged `quiet` (no sound, no notification). */
export interface QuietHours {
  /** `HH:MM`, inclusive. */
  readonly from: string;
  /** `HH:MM`, exclusive; earlier than `from` means the span crosses midnight (22:00 → 07:00). */
  readonly to: string;
  /** IANA zone (`Europe/Berlin`); default `UTC`. */
  readonly timeZone?: string;
}

/** Fields every rule has. */
export interface RuleBase {
  /** Unique within a rule set; 1–64 characters of letters, digits, `.`, `_`, `-`, `:`. */
  readonly id: string;
  /** Shown in notifications and the alert center; default the id. */
  readonly name?: string;
  /**
   * The instrument judged (`binance-spot:BTCUSDT`); absent: every instrument the feed carries.
   * The `alerts` command ignores it (the candles file is the one series).
   */
  readonly instrument?: InstrumentKey;
  /** Bars judged; default `1m`. The `alerts` command judges the file's bars, whatever their length. */
  readonly timeframe?: TimeframeId;
  /** Default `every-time`. */
  readonly trigger?: TriggerMode;
  /** `every-time` only: after a firing, stay silent this long (event time, ms). Default 0. */
  readonly cooldownMs?: number;
  /** Default `normal`. */
  readonly priority?: AlertPriority;
  /** Epoch ms after which the rule no longer fires (event time). */
  readonly expiresAtMs?: number;
  /** A paused rule is not evaluated (its state is kept). */
  readonly paused?: boolean;
  /** Per-rule quiet hours; default the engine's (the app's setting). */
  readonly quietHours?: QuietHours;
  readonly createdAtMs?: number;
  /** Free-form note shown with the rule. */
  readonly note?: string;
  /** Extra app data carried through export/import untouched (where it was created, ...). */
  readonly meta?: Readonly<Record<string, string | number | boolean>>;
}

/** The close crosses a level, compared exactly as decimals. */
export interface PriceRule extends RuleBase {
  readonly kind: 'price';
  readonly op: CrossOp;
  /** The level, decimal text or a JSON number. */
  readonly value: DecimalText | number;
  /**
   * Re-arm distance in price units (decimal): after a cross above, another cross above needs the
   * close back at or below `value − hysteresis` first (mirrored below). Default 0.
   */
  readonly hysteresis?: DecimalText | number;
}

/** The close moved at least `pct` % from the close `windowMs` earlier (the newest bar at or before). */
export interface MoveRule extends RuleBase {
  readonly kind: 'move';
  /** Percent, > 0 (2 = 2 %). */
  readonly pct: number;
  readonly windowMs: number;
  /** Default `either`. */
  readonly direction?: MoveDirection;
}

/**
 * An operand: `close` (the bar's close) or an indicator spec as the `indicators` command takes it
 * (`rsi:14`, `macd:12,26,9`, `sma:200`), whose output is picked with the matching `*Output` field.
 */
export type IndicatorOperand = string;

/** An indicator output vs a threshold, or crossing another output (`macd` crosses its `signal`). */
export interface IndicatorRule extends RuleBase {
  readonly kind: 'indicator';
  readonly indicator: IndicatorOperand;
  /** Output name (`signal`, `upper`); default the indicator's main output. */
  readonly output?: string;
  readonly op: CompareOp;
  /** Threshold; exactly one of `value` and `other`. */
  readonly value?: number;
  /** Another operand to compare with (`close`, `sma:200`, the same spec with another output). */
  readonly other?: IndicatorOperand;
  readonly otherOutput?: string;
  /** Re-arm distance in the indicator's units. Default 0. */
  readonly hysteresis?: number;
}

/** This bar's volume (or trade count) is `z` standard deviations above the previous `window` bars'. */
export interface SpikeRule extends RuleBase {
  readonly kind: 'volume-spike' | 'trade-count-spike';
  /** z-score threshold, > 0. */
  readonly z: number;
  /** Bars in the baseline; default 20, at least 2. */
  readonly window?: number;
}

/** An anomaly score (model worker) at or above `score`. */
export interface AnomalyRule extends RuleBase {
  readonly kind: 'anomaly';
  readonly score: number;
  /** Only this model's scores; default any. */
  readonly model?: string;
}

/** A forecast or trading signal with confidence at or above `confidence` (0..1). */
export interface SignalRule extends RuleBase {
  readonly kind: 'signal';
  readonly confidence: number;
  /** Default either. */
  readonly source?: 'forecast' | 'signal';
  /** Only this direction; default any. */
  readonly direction?: 'up' | 'down';
  /** Only this model or signal name; default any. */
  readonly model?: string;
}

/** The spread z-score of `a` regressed on `b` (rolling OLS over `window` bars) beyond ±`z`. */
export interface PairZRule extends RuleBase {
  readonly kind: 'pair-z';
  readonly a: InstrumentKey;
  readonly b: InstrumentKey;
  readonly z: number;
  /** Default 100, at least 10. */
  readonly window?: number;
}

/** Seed 004: two instruments' returns over `windowMs` differ by more than `pct` %. */
export interface DivergenceRule extends RuleBase {
  readonly kind: 'divergence';
  readonly a: InstrumentKey;
  readonly b: InstrumentKey;
  readonly pct: number;
  readonly windowMs: number;
}

export type FeedHealthCondition = 'down' | 'stale' | 'unfillable-gap';

/** A venue down (not connected) or stale (no message) for more than `afterSec`, or a gap that cannot be filled. */
export interface FeedHealthRule extends RuleBase {
  readonly kind: 'feed-health';
  readonly condition: FeedHealthCondition;
  /** Default every venue. */
  readonly venue?: VenueId;
  /** `down` / `stale`: seconds; default 30. */
  readonly afterSec?: number;
}

/** Mean sentiment beyond `value` (`above` / `below`) with at least `minArticles` articles in `windowMs`. */
export interface SentimentRule extends RuleBase {
  readonly kind: 'sentiment';
  readonly op: ThresholdOp;
  /** Mean article score, as the news scorer gives it (−1..1 after normalisation). */
  readonly value: number;
  /** Default 3. */
  readonly minArticles?: number;
  /** Default one hour. */
  readonly windowMs?: number;
}

export type AlertRule =
  | PriceRule
  | MoveRule
  | IndicatorRule
  | SpikeRule
  | AnomalyRule
  | SignalRule
  | PairZRule
  | DivergenceRule
  | FeedHealthRule
  | SentimentRule;

export type AlertKind = AlertRule['kind'];

export const ALERT_KINDS: readonly AlertKind[] = [
  'price',
  'move',
  'indicator',
  'volume-spike',
  'trade-count-spike',
  'anomaly',
  'signal',
  'pair-z',
  'divergence',
  'feed-health',
  'sentiment',
];

/** Kinds judged from one instrument's candles alone (what the `alerts` command replays). */
export const CANDLE_KINDS: readonly AlertKind[] = ['price', 'move', 'indicator', 'volume-spike', 'trade-count-spike'];

export const DEFAULT_TIMEFRAME: TimeframeId = '1m';
