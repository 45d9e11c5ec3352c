import type { AlertPriority, CompareOp, TriggerMode } from '../../../core/alerts';
import type { TimeframeId } from '../../../core/candles/timeframe';

/*
 * The alert form's draft and its blank state, apart from `rule-draft.ts` (which checks and
 * converts drafts): the desk opens drafts from the chart at any time, the converter loads with
 * the alert center.
 */

/** The rule kinds the form edits (the others are imported as JSON and listed as they are). */
export type DraftKind = 'price' | 'move' | 'indicator' | 'volume-spike' | 'divergence' | 'feed-health' | 'sentiment';

/** Everything the form holds, as text (what inputs give); `ruleOf` checks and converts it. */
export interface RuleDraft {
  id: string;
  kind: DraftKind;
  name: string;
  instrument: string;
  timeframe: string;
  trigger: TriggerMode;
  cooldownSec: string;
  priority: AlertPriority;
  /** Hours from now; '' for never. */
  expiresInHours: string;
  paused: boolean;
  op: CompareOp;
  level: string;
  hysteresis: string;
  pct: string;
  windowSec: string;
  direction: 'up' | 'down' | 'either';
  indicator: string;
  output: string;
  other: string;
  z: string;
  b: string;
  condition: 'down' | 'stale' | 'unfillable-gap';
  afterSec: string;
  /** Sentiment: articles the window must hold, and its length in minutes. */
  minArticles: string;
  newsWindowMin: string;
  /** Where it was created (chart, legend, pair view, alert center), kept in `meta`. */
  origin: string;
}

export function emptyDraft(id: string, instrument: string, timeframe: TimeframeId): RuleDraft {
  return {
    id,
    kind: 'price',
    name: '',
    instrument,
    timeframe,
    trigger: 'every-time',
    cooldownSec: '60',
    priority: 'normal',
    expiresInHours: '',
    paused: false,
    op: 'crosses-above',
    level: '',
    hysteresis: '',
    pct: '0.5',
    windowSec: '60',
    direction: 'either',
    indicator: 'rsi:14',
    output: '',
    other: '',
    z: '3',
    b: '',
    condition: 'stale',
    afterSec: '30',
    minArticles: '3',
    newsWindowMin: '60',
    origin: 'alert-center',
  };
}
