import type { TimeframeId } from '../candles/timeframe';
import type { InstrumentKey, VenueId } from '../exchange/types';
import type { AlertKind, AlertPriority } from './rule';

/**
 * One alert firing. Stored with a unique `dedupKey`, so two tabs (or a replay after a takeover)
 * cannot store the same firing twice; delivery reads the stored rows.
 */
export interface AlertFiring {
  readonly ruleId: string;
  /** The rule's name (or id) when it fired, for notifications. */
  readonly ruleName: string;
  readonly kind: AlertKind;
  /** The instrument that fired it (a pair rule: its `a` leg); null for a venue-wide health rule. */
  readonly instrument: InstrumentKey | null;
  /** The other leg of a pair or divergence rule. */
  readonly other?: InstrumentKey;
  readonly venue?: VenueId;
  readonly timeframe: TimeframeId | null;
  /** Open time of the bar that fired it (a health rule: when the episode began). */
  readonly openTimeMs: number;
  /** Event time of the evaluation that fired (epoch ms): the bar's data time or the report's time. */
  readonly firedAtMs: number;
  /** The main value (a price level rule: the close as exact decimal text). */
  readonly value: number | string;
  /** Every value that went into the decision (`close`, `level`, `rsi_14`, `z`, ...). */
  readonly values: Readonly<Record<string, number | string | null>>;
  readonly priority: AlertPriority;
  /** A short sentence: "close 57010.5 crossed above 57000". */
  readonly reason: string;
  /** `<ruleId>|<instrument or venue>|<timeframe>|<openTimeMs>`: at most one firing per rule and bar. */
  readonly dedupKey: string;
  /** Inside quiet hours (and not critical): record and list it, but no sound or notification. */
  readonly quiet: boolean;
  /** Fired on a forming bar (the bar may still close on the other side). */
  readonly intrabar: boolean;
}

export function dedupKeyOf(ruleId: string, scope: string, timeframe: string | null, openTimeMs: number): string {
  return `${ruleId}|${scope}|${timeframe ?? '-'}|${openTimeMs}`;
}
