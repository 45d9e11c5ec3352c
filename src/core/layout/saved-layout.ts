import { isTimeframe, type TimeframeId } from '../candles/timeframe';
import { parseInstrumentKey } from '../exchange/types';
import { describeIndicator, findIndicator } from '../indicators/catalog';
import { isChangeWindowId, type ChangeWindowId } from '../watchlist/change-window';

/** One indicator instance as laid out: registry name, complete parameters, colour slot, pane height. */
export interface LayoutIndicator {
  readonly id: string;
  readonly name: string;
  readonly params: readonly number[];
  /** Palette slot, 1-based. */
  readonly color: number;
  /** Height of its own pane in px (unused for overlays). */
  readonly height: number;
}

/** The pair view as laid out (see `PairViewSpec`), plus the z-score band width. */
export interface LayoutPair {
  readonly a: string;
  readonly b: string;
  readonly window: number;
  readonly bandK: number;
  readonly divergencePct: number;
  readonly divergenceBars: number;
  /**
   * Heights of its four panes (legs, spread, z-score, correlation) in px as last laid out;
   * restored as proportions, so they fit another screen. Absent: the chart's defaults.
   */
  readonly paneHeights?: readonly number[];
}

export const PAIR_PANES = 4;
const PAIR_PANE_HEIGHTS = [20, 4_000] as const;

/** Everything a named layout restores. Feed settings (endpoints, tokens) are never part of it. */
export interface SavedLayout {
  /** The watch list, "venue:SYMBOL". */
  readonly instruments: readonly string[];
  /** The instrument on the chart. */
  readonly selected: string;
  readonly timeframe: TimeframeId;
  /** In pane order. */
  readonly indicators: readonly LayoutIndicator[];
  readonly pair: LayoutPair | null;
  readonly watchlistWindow: ChangeWindowId;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isKey = (v: unknown): v is string => typeof v === 'string' && parseInstrumentKey(v) !== null;
const finite = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
const COLOR_SLOTS = 8;
const HEIGHTS = [60, 600] as const;

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
  const pair: LayoutPair = {
    a: v.a,
    b: v.b,
    window: Math.round(v.window as number),
    bandK: v.bandK as number,
    divergencePct: v.divergencePct as number,
    divergenceBars: Math.round(v.divergenceBars as number),
  };
  if (v.paneHeights === undefined) return pair;
  const heights = v.paneHeights;
  if (
    !Array.isArray(heights) ||
    heights.length !== PAIR_PANES ||
    !heights.every((h) => finite(h, PAIR_PANE_HEIGHTS[0], PAIR_PANE_HEIGHTS[1]))
  ) {
    problems.push('pair: pane heights dropped');
    return pair;
  }
  return { ...pair, paneHeights: heights.map((h: number) => Math.round(h)) };
}

/** An instance the registry can build with these parameters, or null. */
function parseIndicator(v: unknown): LayoutIndicator | null {
  if (!isObject(v) || typeof v.id !== 'string' || !/^[\w-]{1,40}$/.test(v.id) || typeof v.name !== 'string')
    return null;
  const definition = findIndicator(v.name);
  const params = Array.isArray(v.params) ? v.params : null;
  if (definition === undefined || params === null || params.length !== definition.params.length) return null;
  if (!params.every((p): p is number => typeof p === 'number' && Number.isFinite(p))) return null;
  try {
    describeIndicator(definition.name, params);
  } catch {
    return null;
  }
  return {
    id: v.id,
    name: definition.name,
    params,
    color: finite(v.color, 1, COLOR_SLOTS) ? Math.round(v.color) : 1,
    height: finite(v.height, HEIGHTS[0], HEIGHTS[1]) ? Math.round(v.height) : 120,
  };
}

/**
 * A layout read back from storage (or any untrusted source), checked field by field. Returns the
 * layout and what had to be dropped, or null with the reason when it is unusable as a whole.
 */
export function parseSavedLayout(
  value: unknown,
): { layout: SavedLayout; problems: string[] } | { layout: null; problems: string[] } {
  const problems: string[] = [];
  if (!isObject(value)) return { layout: null, problems: ['not an object'] };
  const instruments = Array.isArray(value.instruments) ? value.instruments.filter(isKey) : [];
  if (instruments.length === 0) return { layout: null, problems: ['no instruments'] };
  if (instruments.length !== (value.instruments as unknown[]).length) problems.push('instruments: some dropped');
  const selected = isKey(value.selected) && instruments.includes(value.selected) ? value.selected : instruments[0];
  const timeframe = typeof value.timeframe === 'string' && isTimeframe(value.timeframe) ? value.timeframe : '1m';
  const rawIndicators = Array.isArray(value.indicators) ? value.indicators : [];
  const indicators: LayoutIndicator[] = [];
  for (const raw of rawIndicators) {
    const indicator = parseIndicator(raw);
    if (indicator === null || indicators.some((i) => i.id === indicator.id)) {
      problems.push(`indicator ${JSON.stringify((raw as { name?: unknown } | null)?.name ?? null)} dropped`);
    } else indicators.push(indicator);
  }
  return {
    layout: {
      instruments,
      selected: selected as string,
      timeframe,
      indicators,
      pair: parsePair(value.pair, problems),
      watchlistWindow: isChangeWindowId(value.watchlistWindow) ? value.watchlistWindow : '24h',
    },
    problems,
  };
}
