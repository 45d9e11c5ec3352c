import { IndicatorSpecError } from '../../../core/indicators/indicator-spec';
import { describeIndicator, findIndicator, type IndicatorInfo } from '../../../core/indicators/catalog';
import { lookOf, type Placement } from './indicator-look';

/** Palette slots an instance can take (`--series-1` … `--series-8`). */
export const COLOR_SLOTS = 8;
export const DEFAULT_PANE_HEIGHT = 120;
export const MIN_PANE_HEIGHT = 60;
export const MAX_PANE_HEIGHT = 600;

/** One indicator on the chart; several instances of one indicator differ by id. */
export interface IndicatorOnChart {
  readonly id: string;
  readonly name: string;
  /** Complete and valid (defaults filled in). */
  readonly params: readonly number[];
  /** Palette slot, 1-based. */
  readonly color: number;
  /** Height of its own pane in px (unused for overlays). */
  readonly height: number;
}

/** The registry spec the worker computes: `rsi:14`, `bb:20,2`, `vwap`. */
export function specOf(i: Pick<IndicatorOnChart, 'name' | 'params'>): string {
  return i.params.length === 0 ? i.name : `${i.name}:${i.params.join(',')}`;
}

export function placementOf(i: Pick<IndicatorOnChart, 'name'>): Placement {
  const definition = findIndicator(i.name);
  return definition === undefined ? 'pane' : lookOf(definition).placement;
}

/** A short label: `RSI 14`, `BB 20 2`, `VWAP`. */
export function labelOf(i: Pick<IndicatorOnChart, 'name' | 'params'>): string {
  return [i.name.toUpperCase(), ...i.params.map(String)].join(' ');
}

export type ParamCheck =
  | { readonly ok: true; readonly params: number[] }
  | { readonly ok: false; readonly fieldErrors: readonly (string | null)[]; readonly error: string | null };

/**
 * Checks parameter fields as typed against the registry's definitions: each field gets its own
 * message; cross-parameter rules (fast below slow) come from the indicator itself.
 */
export function checkParams(definition: IndicatorInfo, texts: readonly string[]): ParamCheck {
  const values: number[] = [];
  const fieldErrors = definition.params.map((param, i) => {
    const text = (texts[i] ?? '').trim();
    const value = text === '' ? param.default : Number(text);
    values.push(value);
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text === '' ? String(param.default) : text) || !Number.isFinite(value))
      return `${param.name} must be a number`;
    if (param.integer && !Number.isInteger(value)) return `${param.name} must be a whole number`;
    if (param.exclusive ? !(value > param.min) : !(value >= param.min))
      return `${param.name} must be ${param.exclusive ? 'above' : 'at least'} ${param.min}`;
    return null;
  });
  if (fieldErrors.some((e) => e !== null)) return { ok: false, fieldErrors, error: null };
  try {
    describeIndicator(definition.name, values);
  } catch (error) {
    if (error instanceof IndicatorSpecError)
      return { ok: false, fieldErrors, error: error.message.replace(`${definition.name}: `, '') };
    throw error;
  }
  return { ok: true, params: values };
}

/** The next colour slot: the least used one, so copies of one indicator tell apart. */
export function nextColor(list: readonly IndicatorOnChart[]): number {
  const uses = Array.from({ length: COLOR_SLOTS }, (_, i) => list.filter((x) => x.color === i + 1).length);
  return uses.indexOf(Math.min(...uses)) + 1;
}

/**
 * Moves an indicator with its own pane up (-1) or down (+1) among the panes; overlays keep
 * their place. Returns the list unchanged when it cannot move.
 */
export function movePane(list: readonly IndicatorOnChart[], id: string, delta: -1 | 1): IndicatorOnChart[] {
  const panes = list.filter((x) => placementOf(x) === 'pane');
  const from = panes.findIndex((x) => x.id === id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= panes.length) return [...list];
  const reordered = [...panes];
  [reordered[from], reordered[to]] = [reordered[to] as IndicatorOnChart, reordered[from] as IndicatorOnChart];
  let k = 0;
  return list.map((x) => (placementOf(x) === 'pane' ? (reordered[k++] as IndicatorOnChart) : x));
}

export function clampHeight(px: number): number {
  return Math.round(Math.min(MAX_PANE_HEIGHT, Math.max(MIN_PANE_HEIGHT, px)));
}
