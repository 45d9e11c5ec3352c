import type { BarInput } from './bar-input';

/** Named outputs of one indicator on one bar, e.g. `{ macd, signal, histogram }`. */
export type IndicatorValue = Readonly<Record<string, number>>;

/**
 * A streaming indicator.
 *
 * - `add(bar)` commits a closed bar and returns the value for it.
 * - `replace(bar)` returns the value the forming bar would have if it closed now, without
 *   committing it: call it as often as the forming bar changes, then `add` the final bar.
 * - Both return `null` during the first `warmup` committed bars (never fake zeros) and a record
 *   with every output finite from then on.
 *
 * Bar times must increase. A correction of an already committed bar cannot be applied
 * incrementally (that would need the state before it): rebuild the indicator from history
 * instead, which is O(bars). Such calls throw rather than silently double-count.
 */
export interface StreamingIndicator {
  /** Column id: `<name>_<params joined by _>`, e.g. `rsi_14`, `macd_12_26_9`; `obv` without params. */
  readonly id: string;
  /** Output names; the first is the main one. */
  readonly outputs: readonly string[];
  /** Output column names: `id` for the main output, `<id>_<output>` for the others. */
  readonly columns: readonly string[];
  /** Number of committed bars that yield `null` before the first value. */
  readonly warmup: number;
  add(bar: BarInput): IndicatorValue | null;
  replace(bar: BarInput): IndicatorValue | null;
}

/** What each indicator implements; `streamingIndicator` adds naming and the bar-time checks. */
export interface IndicatorCore {
  readonly warmup: number;
  /** `commit = false` previews without changing state (see `Stage`). */
  update(bar: BarInput, commit: boolean): IndicatorValue | null;
}

/** Column names for an indicator id and its outputs (main output first). */
export function indicatorColumns(id: string, outputs: readonly string[]): string[] {
  return outputs.map((output, i) => (i === 0 ? id : `${id}_${output}`));
}

export function streamingIndicator(id: string, outputs: readonly string[], core: IndicatorCore): StreamingIndicator {
  const columns = indicatorColumns(id, outputs);
  let lastTimeMs = -Infinity;
  const check = (bar: BarInput, verb: string): void => {
    if (!(bar.timeMs > lastTimeMs)) {
      throw new RangeError(
        `${id}: ${verb} for bar ${bar.timeMs} after committed bar ${lastTimeMs}; bar times must increase (rebuild the indicator to apply a correction)`,
      );
    }
  };
  return {
    id,
    outputs,
    columns,
    warmup: core.warmup,
    add(bar) {
      check(bar, 'add');
      const value = core.update(bar, true);
      lastTimeMs = bar.timeMs;
      return value;
    },
    replace(bar) {
      check(bar, 'replace');
      return core.update(bar, false);
    },
  };
}
