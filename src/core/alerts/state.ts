/**
 * What a rule remembers between evaluations, stored with it so a follower tab that becomes leader
 * resumes where the old leader stopped. Rolling windows (indicators, baselines) are not stored:
 * they are rebuilt from stored candles.
 */

/** Level memory of one series (instrument × timeframe, or venue for health rules). */
export interface SeriesMemory {
  /** A cross above (or a condition) may fire: the value was last seen at or below the re-arm level. */
  readonly armedUp: boolean;
  /** A cross below may fire: the value was last seen at or above the re-arm level. */
  readonly armedDown: boolean;
  /** Last bar (open time) that fired here, for dedup per bar. */
  readonly lastFiredBarMs: number | null;
  /** `every-time`: no firing here before this (event time, epoch ms). */
  readonly cooldownUntilMs: number | null;
  /** `once`: this series fired and the rule is spent here. */
  readonly spent: boolean;
}

export interface RuleEvaluation {
  /** Event time of the evaluation. */
  readonly atMs: number;
  readonly scope: string;
  readonly openTimeMs: number | null;
  readonly fired: boolean;
  /** Why it did or did not fire: "rsi_14 69.2 is not above 70", "cooldown until 12:05:00". */
  readonly why: string;
}

export type RuleStatus = 'armed' | 'cooldown' | 'spent' | 'paused' | 'expired' | 'waiting';

export interface RuleState {
  readonly ruleId: string;
  /** Fingerprint of the rule definition; a changed rule starts from fresh state. */
  readonly ruleHash: string;
  readonly status: RuleStatus;
  /** The latest cooldown end over its series (event time, epoch ms), for display. */
  readonly cooldownUntilMs: number | null;
  readonly lastFiredAtMs: number | null;
  readonly firings: number;
  readonly lastEvaluation: RuleEvaluation | null;
  /** Per series key (`binance-spot:BTCUSDT|1m`, a venue, a pair `a~b|1s`). */
  readonly series: Readonly<Record<string, SeriesMemory>>;
}
