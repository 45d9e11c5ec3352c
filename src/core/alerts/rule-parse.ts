import { TIMEFRAMES } from '../candles/timeframe';
import { parseInstrumentKey, type InstrumentKey } from '../exchange/types';
import { VENUE_IDS } from '../import/instrument';
import { IndicatorSpecError } from '../indicators/indicator-spec';
import { resolveOperand } from './operand';
import type { AlertRule, CompareOp, CrossOp, QuietHours, RuleBase, ThresholdOp } from './rule';
import { ALERT_KINDS } from './rule';
import { AlertRuleError, FieldReader } from './rule-fields';

export { AlertRuleError } from './rule-fields';

const ID = /^[A-Za-z0-9._:-]{1,64}$/;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const CROSS_OPS: readonly CrossOp[] = ['crosses-above', 'crosses-below', 'crosses'];
const THRESHOLD_OPS: readonly ThresholdOp[] = ['above', 'below'];
const COMPARE_OPS: readonly CompareOp[] = [...CROSS_OPS, ...THRESHOLD_OPS];
const VENUES = VENUE_IDS;
/** Ten years: longer windows and cooldowns are typos. */
const MAX_MS = 10 * 365 * 86_400_000;

/** Parses the text of a rules file (a JSON array of rules); `source` names it in errors. */
export function parseRulesText(text: string, source: string): AlertRule[] {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new AlertRuleError(`${source}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    return parseRules(json);
  } catch (error) {
    if (error instanceof AlertRuleError) throw new AlertRuleError(`${source}: ${error.message}`);
    throw error;
  }
}

/** Validates a JSON array of rules (ids unique); throws AlertRuleError naming the rule and field. */
export function parseRules(json: unknown): AlertRule[] {
  if (!Array.isArray(json)) throw new AlertRuleError('expected a JSON array of rules');
  const seen = new Set<string>();
  return json.map((raw: unknown, i) => {
    const rule = parseRule(raw, i);
    if (seen.has(rule.id)) throw new AlertRuleError(`rule "${rule.id}" (#${i + 1}): id: used by an earlier rule`);
    seen.add(rule.id);
    return rule;
  });
}

/** Validates one rule; `index` (0-based) places it in a file for error messages. */
export function parseRule(raw: unknown, index = 0): AlertRule {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new AlertRuleError(`rule #${index + 1}: expected an object`);
  }
  const record = raw as Record<string, unknown>;
  const id = typeof record['id'] === 'string' ? record['id'] : undefined;
  const r = new FieldReader(record, id === undefined ? `rule #${index + 1}` : `rule "${id}" (#${index + 1})`);
  r.string('id', ID, 'an id of 1-64 letters, digits, ".", "_", "-" or ":"');
  const kind = r.oneOf('kind', ALERT_KINDS);
  const base = readBase(r);
  const rule = readKind(r, kind, base);
  r.finish();
  return rule;
}

function instrument(r: FieldReader, field: string): InstrumentKey {
  const text = r.string(field, undefined, 'an instrument key like "binance-spot:BTCUSDT"');
  const parsed = parseInstrumentKey(text);
  if (parsed === null || !VENUES.includes(parsed.venue)) r.fail(field, 'an instrument key like "binance-spot:BTCUSDT"');
  return text as InstrumentKey;
}

function readBase(r: FieldReader): RuleBase {
  const base: Record<string, unknown> = { id: r.raw['id'] };
  const set = (field: string, value: unknown): void => {
    if (value !== undefined) base[field] = value;
  };
  set('name', r.optionalString('name'));
  if (r.has('instrument')) set('instrument', instrument(r, 'instrument'));
  set('timeframe', r.optionalOneOf('timeframe', TIMEFRAMES));
  set('trigger', r.optionalOneOf('trigger', ['once', 'once-per-bar', 'every-time'] as const));
  set('cooldownMs', r.optionalNumber('cooldownMs', { min: 0, max: MAX_MS }));
  set('priority', r.optionalOneOf('priority', ['critical', 'normal', 'info'] as const));
  set('expiresAtMs', r.optionalNumber('expiresAtMs', { min: 0 }));
  set('paused', r.boolean('paused'));
  set('createdAtMs', r.optionalNumber('createdAtMs', { min: 0 }));
  set('note', r.optionalString('note'));
  if (r.has('quietHours')) set('quietHours', quietHours(r));
  if (r.has('meta')) set('meta', meta(r));
  return base as unknown as RuleBase;
}

function quietHours(r: FieldReader): QuietHours {
  const raw = r.raw['quietHours'];
  if (typeof raw !== 'object' || raw === null) r.fail('quietHours', '{"from":"HH:MM","to":"HH:MM"}');
  const q = new FieldReader(raw as Record<string, unknown>, `${r.label}: quietHours`);
  const from = q.string('from', HHMM, '"HH:MM"');
  const to = q.string('to', HHMM, '"HH:MM"');
  const timeZone = q.optionalString('timeZone');
  if (timeZone !== undefined && !validTimeZone(timeZone)) q.fail('timeZone', 'an IANA time zone like "Europe/Berlin"');
  q.finish();
  return timeZone === undefined ? { from, to } : { from, to, timeZone };
}

export function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function meta(r: FieldReader): Record<string, string | number | boolean> {
  const raw = r.raw['meta'];
  const ok =
    typeof raw === 'object' &&
    raw !== null &&
    !Array.isArray(raw) &&
    Object.values(raw).every((v) => ['string', 'number', 'boolean'].includes(typeof v));
  if (!ok) r.fail('meta', 'an object of strings, numbers and booleans');
  return { ...(raw as Record<string, string | number | boolean>) };
}

function operand(r: FieldReader, specField: string, outputField: string): void {
  const spec = r.string(specField, undefined, '"close" or an indicator spec like "rsi:14"');
  const output = r.optionalString(outputField);
  try {
    resolveOperand(spec, output);
  } catch (error) {
    if (error instanceof IndicatorSpecError) {
      throw new AlertRuleError(`${r.label}: ${output === undefined ? specField : outputField}: ${error.message}`);
    }
    throw error;
  }
}

function readKind(r: FieldReader, kind: AlertRule['kind'], base: RuleBase): AlertRule {
  const window = (field: string) => r.number(field, { above: 0, max: MAX_MS, integer: true });
  switch (kind) {
    case 'price': {
      const op = r.oneOf('op', CROSS_OPS);
      const value = r.decimal('value');
      const hysteresis = r.has('hysteresis') ? r.decimal('hysteresis', true) : undefined;
      return { ...base, kind, op, value, ...(hysteresis !== undefined ? { hysteresis } : {}) };
    }
    case 'move': {
      const pct = r.number('pct', { above: 0 });
      const windowMs = window('windowMs');
      const direction = r.optionalOneOf('direction', ['up', 'down', 'either'] as const);
      return { ...base, kind, pct, windowMs, ...(direction !== undefined ? { direction } : {}) };
    }
    case 'indicator': {
      operand(r, 'indicator', 'output');
      const op = r.oneOf('op', COMPARE_OPS);
      const hasValue = r.has('value');
      const hasOther = r.has('other');
      if (hasValue === hasOther) r.fail(hasValue ? 'other' : 'value', 'exactly one of "value" and "other"');
      if (hasValue) r.number('value');
      else operand(r, 'other', 'otherOutput');
      if (!hasOther && r.has('otherOutput')) r.fail('otherOutput', 'no otherOutput without "other"');
      r.optionalNumber('hysteresis', { min: 0 });
      return {
        ...base,
        ...pick(r.raw, ['indicator', 'output', 'value', 'other', 'otherOutput', 'hysteresis']),
        kind,
        op,
      } as AlertRule;
    }
    case 'volume-spike':
    case 'trade-count-spike': {
      r.number('z', { above: 0 });
      r.optionalNumber('window', { min: 2, max: 10_000, integer: true });
      return { ...base, ...pick(r.raw, ['z', 'window']), kind } as AlertRule;
    }
    case 'anomaly':
      r.number('score');
      r.optionalString('model');
      return { ...base, ...pick(r.raw, ['score', 'model']), kind } as AlertRule;
    case 'signal':
      r.number('confidence', { min: 0, max: 1 });
      r.optionalOneOf('source', ['forecast', 'signal'] as const);
      r.optionalOneOf('direction', ['up', 'down'] as const);
      r.optionalString('model');
      return { ...base, ...pick(r.raw, ['confidence', 'source', 'direction', 'model']), kind } as AlertRule;
    case 'pair-z':
    case 'divergence': {
      const a = instrument(r, 'a');
      const b = instrument(r, 'b');
      if (a === b) r.fail('b', 'an instrument other than a');
      if (kind === 'pair-z') {
        r.number('z', { above: 0 });
        r.optionalNumber('window', { min: 10, max: 10_000, integer: true });
        return { ...base, ...pick(r.raw, ['z', 'window']), kind, a, b } as AlertRule;
      }
      r.number('pct', { above: 0 });
      window('windowMs');
      return { ...base, ...pick(r.raw, ['pct', 'windowMs']), kind, a, b } as AlertRule;
    }
    case 'feed-health':
      r.oneOf('condition', ['down', 'stale', 'unfillable-gap'] as const);
      r.optionalOneOf('venue', VENUES);
      r.optionalNumber('afterSec', { above: 0, max: MAX_MS / 1000 });
      return { ...base, ...pick(r.raw, ['condition', 'venue', 'afterSec']), kind } as AlertRule;
    case 'sentiment':
      r.oneOf('op', THRESHOLD_OPS);
      r.number('value');
      r.optionalNumber('minArticles', { min: 1, integer: true });
      if (r.has('windowMs')) window('windowMs');
      return { ...base, ...pick(r.raw, ['op', 'value', 'minArticles', 'windowMs']), kind } as AlertRule;
  }
}

function pick(raw: Readonly<Record<string, unknown>>, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (raw[f] !== undefined) out[f] = raw[f];
  return out;
}
