import { isTimeframe, type TimeframeId } from '../candles/timeframe';
import { parseInstrumentKey } from '../exchange/types';
import { isChangeWindowId, type ChangeWindowId } from '../watchlist/change-window';

/** One indicator instance as laid out: its registry spec and how it is drawn. */
export interface LayoutIndicator {
  readonly id: string;
  readonly spec: string;
  readonly color?: string;
  /** Pane it is drawn in: 0 is the price pane (an overlay). */
  readonly pane?: number;
}

/** The pair view as laid out (see `PairViewSpec`), plus the z-score band width. */
export interface LayoutPair {
  readonly a: string;
  readonly b: string;
  readonly window: number;
  readonly bandK: number;
  readonly divergencePct: number;
  readonly divergenceBars: number;
}

/** Everything a named layout restores. Feed settings (endpoints, tokens) are never part of it. */
export interface DeskLayout {
  /** The watch list, "venue:SYMBOL". */
  readonly instruments: readonly string[];
  /** The instrument on the chart. */
  readonly selected: string;
  readonly timeframe: TimeframeId;
  readonly indicators: readonly LayoutIndicator[];
  /** Pane heights in px, price pane first; empty: the chart's own split. */
  readonly paneHeights: readonly number[];
  readonly pair: LayoutPair | null;
  readonly watchlistWindow: ChangeWindowId;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isKey = (v: unknown): v is string => typeof v === 'string' && parseInstrumentKey(v) !== null;
const finite = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
/** Colours are drawn by the chart, never put into HTML: a strict hex form keeps them inert. */
const COLOR = /^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$/;
const SPEC = /^[a-z0-9_]{1,40}(:[0-9.,-]{1,80})?$/i;

export const PAIR_LIMITS = {
  window: [2, 5_000],
  bandK: [0.1, 10],
  divergencePct: [0.001, 100],
  divergenceBars: [1, 5_000],
} as const;

function parsePair(v: unknown, problems: string[]): LayoutPair | null {
  if (v === null || v === undefined) return null;
  if (!isObject(v) || !isKey(v.a) || !isKey(v.b)) {
    problems.push('pair: needs two instruments');
    return null;
  }
  for (const [field, [min, max]] of Object.entries(PAIR_LIMITS)) {
    if (!finite(v[field], min, max)) {
      problems.push(`pair: ${field} must be a number from ${min} to ${max}`);
      return null;
    }
  }
  return {
    a: v.a,
    b: v.b,
    window: Math.round(v.window as number),
    bandK: v.bandK as number,
    divergencePct: v.divergencePct as number,
    divergenceBars: Math.round(v.divergenceBars as number),
  };
}

function parseIndicator(v: unknown): LayoutIndicator | null {
  if (!isObject(v) || typeof v.id !== 'string' || v.id.length > 40 || typeof v.spec !== 'string') return null;
  if (!SPEC.test(v.spec)) return null;
  return {
    id: v.id,
    spec: v.spec,
    ...(typeof v.color === 'string' && COLOR.test(v.color) ? { color: v.color } : {}),
    ...(finite(v.pane, 0, 32) ? { pane: Math.round(v.pane) } : {}),
  };
}

/**
 * A layout read back from storage (or any untrusted source), checked field by field. Returns the
 * layout and what had to be dropped, or null with the reason when it is unusable as a whole.
 */
export function parseDeskLayout(
  value: unknown,
): { layout: DeskLayout; problems: string[] } | { layout: null; problems: string[] } {
  const problems: string[] = [];
  if (!isObject(value)) return { layout: null, problems: ['not an object'] };
  const instruments = Array.isArray(value.instruments) ? value.instruments.filter(isKey) : [];
  if (instruments.length === 0) return { layout: null, problems: ['no instruments'] };
  if (instruments.length !== (value.instruments as unknown[]).length) problems.push('instruments: some dropped');
  const selected = isKey(value.selected) && instruments.includes(value.selected) ? value.selected : instruments[0];
  const timeframe = typeof value.timeframe === 'string' && isTimeframe(value.timeframe) ? value.timeframe : '1m';
  const rawIndicators = Array.isArray(value.indicators) ? value.indicators : [];
  const indicators = rawIndicators.map(parseIndicator).filter((i): i is LayoutIndicator => i !== null);
  if (indicators.length !== rawIndicators.length) problems.push('indicators: some dropped');
  const paneHeights = Array.isArray(value.paneHeights)
    ? value.paneHeights.filter((h): h is number => finite(h, 20, 5_000))
    : [];
  return {
    layout: {
      instruments,
      selected: selected as string,
      timeframe,
      indicators,
      paneHeights,
      pair: parsePair(value.pair, problems),
      watchlistWindow: isChangeWindowId(value.watchlistWindow) ? value.watchlistWindow : '24h',
    },
    problems,
  };
}
