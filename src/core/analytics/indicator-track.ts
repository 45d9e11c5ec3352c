import type { Candle, CandleUpdate } from '../candles/candle';
import { IndicatorEngine, type IndicatorSnapshot } from '../indicators/indicator-engine';
import { createIndicatorFromSpec } from '../indicators/registry';
import type { IndicatorFrame, IndicatorInstance, IndicatorRow } from './analytics-view';

/** Where an instance's values sit in the engine's row, or why it has none. */
interface InstanceSlice {
  readonly instanceId: string;
  readonly columns: readonly string[];
  readonly from: number;
  readonly error?: string;
}

/**
 * The indicators of one view over one series: one `IndicatorEngine` over the distinct specs on
 * screen (two copies of `rsi:14` share a column set), each instance mapped to its columns. Values
 * are those of the streaming indicators fed every bar in order, as the `indicators` command does.
 */
export class IndicatorTrack {
  private readonly engine: IndicatorEngine | null;
  private readonly slices: InstanceSlice[] = [];

  constructor(instances: readonly IndicatorInstance[], historyBars: number) {
    const specs: string[] = [];
    /** Indicator id (`rsi_14`) → its first column in the engine's row; `rsi` and `rsi:14` are one. */
    const offsets = new Map<string, number>();
    let width = 0;
    for (const { id: instanceId, spec } of instances) {
      let probe;
      try {
        probe = createIndicatorFromSpec(spec);
      } catch (error) {
        this.slices.push({ instanceId, columns: [], from: 0, error: (error as Error).message });
        continue;
      }
      let from = offsets.get(probe.id);
      if (from === undefined) {
        from = width;
        offsets.set(probe.id, from);
        specs.push(spec);
        width += probe.columns.length;
      }
      this.slices.push({ instanceId, columns: probe.columns, from });
    }
    this.engine = specs.length > 0 ? new IndicatorEngine({ specs, historyBars }) : null;
  }

  /** The whole history of the series (stored bars, oldest first), as `reset` frames. */
  seed(candles: readonly Candle[]): IndicatorFrame[] {
    const updates = candles.map((candle): CandleUpdate => ({ kind: candle.closed ? 'add' : 'replace', candle }));
    return this.frames(this.engine?.apply(updates) ?? [], true);
  }

  /** Live updates of the series: rows for the bars whose values changed (none: no frames). */
  apply(updates: readonly CandleUpdate[]): IndicatorFrame[] {
    if (this.engine === null || updates.length === 0) return [];
    const snapshots = this.engine.apply(updates);
    return snapshots.length === 0 ? [] : this.frames(snapshots, false);
  }

  private frames(snapshots: readonly IndicatorSnapshot[], reset: boolean): IndicatorFrame[] {
    return this.slices.map((slice) => {
      const rows: IndicatorRow[] =
        slice.error !== undefined
          ? []
          : snapshots.map((s) => ({
              openTimeMs: s.openTimeMs,
              values: s.values.slice(slice.from, slice.from + slice.columns.length),
            }));
      return {
        instanceId: slice.instanceId,
        columns: slice.columns,
        reset,
        rows,
        ...(slice.error !== undefined ? { error: slice.error } : {}),
      };
    });
  }
}
