import { compare, parseDecimal, subtract, add, formatDecimal, type Decimal } from '../decimal/decimal';
import type { Crossing, Probe } from './level-machine';
import { BOTH, DOWN, UP, atLeast, show, type Arming, type Verdict } from './judgement';
import { resolveOperand } from './operand';
import type { IndicatorRule, MoveRule, PriceRule, SpikeRule } from './rule';
import { decimalOf } from './rule-fields';
import type { SeriesFrame } from './series-context';

/** A rule judged on one series' bars, and what that series must compute for it. */
export interface CandleJudge extends Arming {
  readonly indicators: ReadonlyMap<string, string>;
  readonly trailMs: number;
  readonly volumeWindow?: number;
  readonly tradeWindow?: number;
  judge(frame: SeriesFrame): Verdict;
}

const NONE = new Map<string, string>();

function sidesOf(op: string): Arming {
  const sides = op === 'crosses-above' || op === 'above' ? UP : op === 'crosses-below' || op === 'below' ? DOWN : BOTH;
  return { sides, startArmed: op === 'above' || op === 'below' };
}

function verb(op: string, crossing: Crossing): string {
  if (op === 'above' || op === 'below') return crossing === null ? `is not ${op}` : `is ${op}`;
  const dir = crossing === 'down' ? 'below' : crossing === 'up' ? 'above' : op === 'crosses-below' ? 'below' : 'above';
  return crossing === null ? `has not crossed ${op === 'crosses' ? 'the level' : dir}` : `crossed ${dir}`;
}

export function priceJudge(rule: PriceRule): CandleJudge {
  const level = decimalOf(rule.value) as Decimal;
  const h = rule.hysteresis === undefined ? { units: 0, scale: 0 } : (decimalOf(rule.hysteresis) as Decimal);
  const low = subtract(level, h);
  const high = add(level, h);
  const levelText = formatDecimal(level);
  return {
    ...sidesOf(rule.op),
    indicators: NONE,
    trailMs: 0,
    judge(frame) {
      const text = frame.bar.closeText;
      const close = parseDecimal(text);
      if (close === null) return `close ${JSON.stringify(text)} is not a decimal`;
      const c = compare(close, level);
      const probe: Probe = {
        upHit: c > 0,
        upRearm: compare(close, low) <= 0,
        downHit: c < 0,
        downRearm: compare(close, high) >= 0,
      };
      return {
        probe,
        value: text,
        values: { close: text, level: levelText },
        explain: (crossing) => `close ${text} ${verb(rule.op, crossing)} ${levelText}`,
      };
    },
  };
}

export function indicatorJudge(rule: IndicatorRule): CandleJudge {
  const left = resolveOperand(rule.indicator, rule.output);
  const right = rule.other === undefined ? null : resolveOperand(rule.other, rule.otherOutput);
  const indicators = new Map<string, string>();
  for (const o of [left, right]) if (o !== null && o.kind === 'indicator') indicators.set(o.id, o.spec);
  const h = rule.hysteresis ?? 0;
  const threshold = rule.value ?? 0;
  return {
    ...sidesOf(rule.op),
    indicators,
    trailMs: 0,
    judge(frame): Verdict {
      const a = frame.column(left.column);
      if (a === null) return `${left.column} warming up`;
      const b = right === null ? threshold : frame.column(right.column);
      if (b === null) return `${right?.column} warming up`;
      // Crossing another output is the difference crossing zero.
      const d = a - b;
      const probe: Probe = { upHit: d > 0, upRearm: d <= -h, downHit: d < 0, downRearm: d >= h };
      const target = right === null ? show(threshold) : `${right.column} ${show(b)}`;
      const values: Record<string, number> = { [left.column]: a };
      if (right !== null) values[right.column] = b;
      else values['threshold'] = threshold;
      return {
        probe,
        value: a,
        values,
        explain: (crossing) => `${left.column} ${show(a)} ${verb(rule.op, crossing)} ${target}`,
      };
    },
  };
}

export function moveJudge(rule: MoveRule): CandleJudge {
  const direction = rule.direction ?? 'either';
  return {
    sides: direction === 'up' ? UP : direction === 'down' ? DOWN : BOTH,
    startArmed: true,
    indicators: NONE,
    trailMs: rule.windowMs,
    judge(frame): Verdict {
      const ref = frame.closeAt(frame.bar.openTimeMs - rule.windowMs);
      if (ref === null) return `no close ${rule.windowMs / 1000} s before this bar yet`;
      const pct = (frame.bar.close / ref - 1) * 100;
      return {
        probe: atLeast(pct, rule.pct, true),
        value: pct,
        values: { move_pct: pct, close: frame.bar.close, reference: ref },
        explain: (crossing) =>
          crossing === null
            ? `moved ${show(pct)} % in ${rule.windowMs / 1000} s, not ${rule.pct} %`
            : `moved ${show(pct)} % in ${rule.windowMs / 1000} s (from ${show(ref)} to ${show(frame.bar.close)})`,
      };
    },
  };
}

export const DEFAULT_SPIKE_WINDOW = 20;

export function spikeJudge(rule: SpikeRule): CandleJudge {
  const window = rule.window ?? DEFAULT_SPIKE_WINDOW;
  const volume = rule.kind === 'volume-spike';
  const what = volume ? 'volume' : 'trade count';
  return {
    sides: UP,
    startArmed: true,
    indicators: NONE,
    trailMs: 0,
    ...(volume ? { volumeWindow: window } : { tradeWindow: window }),
    judge(frame): Verdict {
      const z = volume ? frame.volumeZ(window) : frame.tradesZ(window);
      if (z === null) return `${what} baseline of ${window} bars not ready (or flat)`;
      const x = volume ? frame.bar.volume : frame.bar.trades;
      return {
        probe: atLeast(z, rule.z),
        value: z,
        values: { z, [volume ? 'volume' : 'trades']: x },
        explain: (crossing) =>
          `${what} ${show(x)} is ${show(z)} sd ${z >= 0 ? 'above' : 'below'} its ${window}-bar mean${crossing === null ? `, not ${rule.z}` : ''}`,
      };
    },
  };
}
