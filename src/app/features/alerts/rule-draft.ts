import { parseRule, type AlertRule, type CrossOp } from '../../../core/alerts';
import { isTimeframe } from '../../../core/candles/timeframe';
import type { InstrumentKey } from '../../../core/exchange/types';
import { emptyDraft, type DraftKind, type RuleDraft } from './empty-draft';

export { emptyDraft, type DraftKind, type RuleDraft };

export const DRAFT_KINDS: readonly { kind: DraftKind; label: string }[] = [
  { kind: 'price', label: 'Price crosses a level' },
  { kind: 'move', label: '% move within a window' },
  { kind: 'indicator', label: 'Indicator condition' },
  { kind: 'volume-spike', label: 'Volume spike (z-score)' },
  { kind: 'divergence', label: 'Two instruments diverge' },
  { kind: 'feed-health', label: 'Feed down or stale' },
  { kind: 'sentiment', label: 'News sentiment' },
];

/** A draft back from a stored rule (editing); null for kinds the form does not edit. */
export function draftOf(rule: AlertRule, nowMs: number): RuleDraft | null {
  const d = emptyDraft(rule.id, rule.instrument ?? '', rule.timeframe ?? '1m');
  const common: RuleDraft = {
    ...d,
    name: rule.name ?? '',
    trigger: rule.trigger ?? 'every-time',
    cooldownSec: String((rule.cooldownMs ?? 0) / 1000),
    priority: rule.priority ?? 'normal',
    expiresInHours: rule.expiresAtMs === undefined ? '' : String(Math.max(0, (rule.expiresAtMs - nowMs) / 3_600_000)),
    paused: rule.paused === true,
    origin: String(rule.meta?.['origin'] ?? 'alert-center'),
  };
  switch (rule.kind) {
    case 'price':
      return {
        ...common,
        kind: 'price',
        op: rule.op,
        level: String(rule.value),
        hysteresis: String(rule.hysteresis ?? ''),
      };
    case 'move':
      return {
        ...common,
        kind: 'move',
        pct: String(rule.pct),
        windowSec: String(rule.windowMs / 1000),
        direction: rule.direction ?? 'either',
      };
    case 'indicator':
      return {
        ...common,
        kind: 'indicator',
        indicator: rule.indicator,
        output: rule.output ?? '',
        op: rule.op,
        level: rule.value === undefined ? '' : String(rule.value),
        other: rule.other ?? '',
        hysteresis: rule.hysteresis === undefined ? '' : String(rule.hysteresis),
      };
    case 'volume-spike':
      return { ...common, kind: 'volume-spike', z: String(rule.z) };
    case 'divergence':
      return {
        ...common,
        kind: 'divergence',
        instrument: rule.a,
        b: rule.b,
        pct: String(rule.pct),
        windowSec: String(rule.windowMs / 1000),
      };
    case 'feed-health':
      return {
        ...common,
        kind: 'feed-health',
        condition: rule.condition,
        afterSec: String(rule.afterSec ?? 30),
        instrument: '',
      };
    case 'sentiment':
      return {
        ...common,
        kind: 'sentiment',
        op: rule.op,
        level: String(rule.value),
        minArticles: String(rule.minArticles ?? 3),
        newsWindowMin: String((rule.windowMs ?? 3_600_000) / 60_000),
      };
    default:
      return null;
  }
}

export type DraftResult =
  | { readonly ok: true; readonly rule: AlertRule }
  | { readonly ok: false; readonly field: string; readonly error: string };

const DECIMAL = /^-?\d+(\.\d+)?$/;

function positive(text: string): number | null {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) && n > 0 ? n : null;
}

const CROSS_OPS: readonly string[] = ['crosses-above', 'crosses-below', 'crosses'];

/**
 * Checks a draft and builds its rule, or names the field that is wrong; the rule then passes the
 * engine's own validation (the one the `alerts` command and import apply).
 */
export function ruleOf(d: RuleDraft, nowMs: number): DraftResult {
  const built = buildRule(d, nowMs);
  if (!built.ok) return built;
  try {
    return { ok: true, rule: parseRule(built.rule) };
  } catch (error) {
    return { ok: false, field: '', error: error instanceof Error ? error.message : String(error) };
  }
}

function buildRule(d: RuleDraft, nowMs: number): DraftResult {
  const fail = (field: string, error: string): DraftResult => ({ ok: false, field, error });
  if (!/^[A-Za-z0-9._:-]{1,64}$/.test(d.id)) return fail('id', 'An id is 1–64 letters, digits, . _ - or :');
  if (!isTimeframe(d.timeframe)) return fail('timeframe', 'Pick a timeframe');
  const cooldown = d.cooldownSec.trim() === '' ? 0 : Number(d.cooldownSec);
  if (!Number.isFinite(cooldown) || cooldown < 0) return fail('cooldownSec', 'Cooldown is seconds, 0 or more');
  let expiresAtMs: number | undefined;
  if (d.expiresInHours.trim() !== '') {
    const h = positive(d.expiresInHours);
    if (h === null) return fail('expiresInHours', 'Expiry is hours from now, more than 0');
    expiresAtMs = Math.round(nowMs + h * 3_600_000);
  }
  const base = {
    id: d.id,
    ...(d.name.trim() === '' ? {} : { name: d.name.trim() }),
    timeframe: d.timeframe,
    trigger: d.trigger,
    cooldownMs: Math.round(cooldown * 1000),
    priority: d.priority,
    ...(expiresAtMs === undefined ? {} : { expiresAtMs }),
    ...(d.paused ? { paused: true } : {}),
    createdAtMs: nowMs,
    meta: { origin: d.origin },
  };
  const instrument = d.instrument.trim() as InstrumentKey;
  const needsInstrument = d.kind !== 'feed-health';
  if (needsInstrument && !/^[a-z-]+:.+$/.test(instrument)) return fail('instrument', 'Pick an instrument');
  switch (d.kind) {
    case 'price': {
      if (!CROSS_OPS.includes(d.op)) return fail('op', 'A price rule crosses (above, below or either)');
      if (!DECIMAL.test(d.level.trim())) return fail('level', 'The level is a number like 57000 or 0.00012');
      if (d.hysteresis.trim() !== '' && !DECIMAL.test(d.hysteresis.trim()))
        return fail('hysteresis', 'Hysteresis is a price distance');
      return {
        ok: true,
        rule: {
          ...base,
          kind: 'price',
          instrument,
          op: d.op as CrossOp,
          value: d.level.trim(),
          ...(d.hysteresis.trim() === '' ? {} : { hysteresis: d.hysteresis.trim() }),
        },
      };
    }
    case 'move': {
      const pct = positive(d.pct);
      const win = positive(d.windowSec);
      if (pct === null) return fail('pct', 'The move is a percentage above 0');
      if (win === null) return fail('windowSec', 'The window is seconds above 0');
      return {
        ok: true,
        rule: { ...base, kind: 'move', instrument, pct, windowMs: Math.round(win * 1000), direction: d.direction },
      };
    }
    case 'indicator': {
      if (!/^[a-z0-9_]+(:[0-9.,]+)?$/.test(d.indicator.trim()))
        return fail('indicator', 'An indicator like rsi:14 or macd:12,26,9');
      const other = d.other.trim();
      const value = d.level.trim() === '' ? undefined : Number(d.level);
      if (other === '' && (value === undefined || !Number.isFinite(value)))
        return fail('level', 'Give a threshold or another output to compare with');
      return {
        ok: true,
        rule: {
          ...base,
          kind: 'indicator',
          instrument,
          indicator: d.indicator.trim(),
          ...(d.output.trim() === '' ? {} : { output: d.output.trim() }),
          op: d.op,
          ...(other === '' ? { value } : { other }),
        },
      };
    }
    case 'volume-spike': {
      const z = positive(d.z);
      if (z === null) return fail('z', 'z is above 0 (3 = three standard deviations)');
      return { ok: true, rule: { ...base, kind: 'volume-spike', instrument, z } };
    }
    case 'divergence': {
      const pct = positive(d.pct);
      const win = positive(d.windowSec);
      const b = d.b.trim() as InstrumentKey;
      if (!/^[a-z-]+:.+$/.test(b) || b === instrument) return fail('b', 'Pick a second, different instrument');
      if (pct === null) return fail('pct', 'The divergence is a percentage above 0');
      if (win === null) return fail('windowSec', 'The window is seconds above 0');
      return {
        ok: true,
        rule: { ...base, kind: 'divergence', a: instrument, b, pct, windowMs: Math.round(win * 1000) },
      };
    }
    case 'feed-health': {
      const after = positive(d.afterSec);
      if (d.condition !== 'unfillable-gap' && after === null) return fail('afterSec', 'Seconds above 0');
      return {
        ok: true,
        rule: { ...base, kind: 'feed-health', condition: d.condition, ...(after === null ? {} : { afterSec: after }) },
      };
    }
    case 'sentiment': {
      if (d.op !== 'above' && d.op !== 'below') return fail('op', 'Sentiment is above or below a score');
      const value = Number(d.level);
      if (d.level.trim() === '' || !Number.isFinite(value)) {
        return fail('level', 'The score is a number between −1 and 1, like 0.3');
      }
      const articles = Number(d.minArticles);
      if (!Number.isInteger(articles) || articles < 1) return fail('minArticles', 'At least 1 article');
      const minutes = positive(d.newsWindowMin);
      if (minutes === null) return fail('newsWindowMin', 'The window is minutes above 0');
      return {
        ok: true,
        rule: {
          ...base,
          kind: 'sentiment',
          instrument,
          op: d.op,
          value,
          minArticles: articles,
          windowMs: Math.round(minutes * 60_000),
        },
      };
    }
  }
}
