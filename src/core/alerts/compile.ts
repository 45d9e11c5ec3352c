import type { TimeframeId } from '../candles/timeframe';
import { indicatorJudge, moveJudge, priceJudge, spikeJudge, type CandleJudge } from './candle-judges';
import type { Arming } from './judgement';
import { UP } from './judgement';
import { DivergenceJudge, PairZJudge } from './pair-judges';
import { DEFAULT_TIMEFRAME, type AlertPriority, type AlertRule, type TriggerMode } from './rule';

/** A rule with its defaults filled in and its judge built. */
export interface CompiledRule {
  readonly rule: AlertRule;
  readonly id: string;
  readonly name: string;
  readonly trigger: TriggerMode;
  readonly cooldownMs: number;
  readonly priority: AlertPriority;
  readonly timeframe: TimeframeId;
  /** Fingerprint of what decides firing; a rule edited in these keeps no old state. */
  readonly hash: string;
  readonly arming: Arming;
  readonly candle?: CandleJudge;
  readonly pairZ?: PairZJudge;
  readonly divergence?: DivergenceJudge;
}

/** Fields that do not change when a rule fires: editing them keeps its state. */
const PRESENTATION = new Set([
  'name',
  'note',
  'meta',
  'paused',
  'priority',
  'quietHours',
  'createdAtMs',
  'expiresAtMs',
]);

export function ruleHash(rule: AlertRule): string {
  const entries = Object.entries(rule)
    .filter(([k]) => !PRESENTATION.has(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

function candleJudge(rule: AlertRule): CandleJudge | undefined {
  switch (rule.kind) {
    case 'price':
      return priceJudge(rule);
    case 'indicator':
      return indicatorJudge(rule);
    case 'move':
      return moveJudge(rule);
    case 'volume-spike':
    case 'trade-count-spike':
      return spikeJudge(rule);
    default:
      return undefined;
  }
}

export function compileRule(rule: AlertRule): CompiledRule {
  const candle = candleJudge(rule);
  const pairZ = rule.kind === 'pair-z' ? new PairZJudge(rule) : undefined;
  const divergence = rule.kind === 'divergence' ? new DivergenceJudge(rule) : undefined;
  const arming: Arming =
    candle ??
    (rule.kind === 'pair-z' ? { sides: { up: true, down: true }, startArmed: true } : { sides: UP, startArmed: true });
  return {
    rule,
    id: rule.id,
    name: rule.name ?? rule.id,
    trigger: rule.trigger ?? 'every-time',
    cooldownMs: rule.cooldownMs ?? 0,
    priority: rule.priority ?? 'normal',
    timeframe: rule.timeframe ?? DEFAULT_TIMEFRAME,
    hash: ruleHash(rule),
    arming: { sides: arming.sides, startArmed: arming.startArmed },
    ...(candle !== undefined ? { candle } : {}),
    ...(pairZ !== undefined ? { pairZ } : {}),
    ...(divergence !== undefined ? { divergence } : {}),
  };
}
