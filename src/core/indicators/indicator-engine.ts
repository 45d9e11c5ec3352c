import type { Candle, CandleUpdate } from '../candles/candle';
import type { TimeframeId } from '../candles/timeframe';
import { instrumentKey, parseInstrumentKey, type InstrumentKey, type VenueId } from '../exchange/types';
import { barFromCandle, type BarInput } from './bar-input';
import { IndicatorSpecError } from './indicator-spec';
import { createIndicatorFromSpec } from './registry';
import type { StreamingIndicator } from './streaming-indicator';

/**
 * Live indicators for every instrument × timeframe the aggregator produces, fed by its coalesced
 * `CandleUpdate` batches (one `apply` per drain).
 *
 * Per series (instrument × timeframe) the engine keeps one streaming indicator per spec and the
 * last `historyBars` closed bars:
 * - a closed bar seen for the first time is committed (`add`), in open-time order;
 * - the forming bar is previewed (`replace`) at most once per batch, with the latest version of
 *   it in the batch, after the batch's closed bars are committed;
 * - a closed bar that was already committed and changes again (a late trade: the aggregator pushes
 *   the corrected bar), or a late bar born closed before the newest committed one, cannot be
 *   applied incrementally (the indicators would throw RangeError): the series' indicators are
 *   rebuilt from the kept history instead, once per batch however many of its bars were
 *   corrected. The rebuilt bars and the forming bar are reported again.
 *
 * Streaming cost per update is one `add` or `replace` of each indicator plus O(1) bookkeeping;
 * only a correction costs O(historyBars). With a bounded history a rebuild starts from the oldest
 * kept bar, so indicators with unbounded memory (EMA-based ones converge within a few hundred
 * bars; OBV, CVD and session VWAP are running sums) can then differ from what an unbroken stream
 * would give. The aggregator's 15 min lateness window is 900 bars at 1s, inside the default 2000.
 */

/** A default chart set: trend, momentum, volatility and volume (22 columns). */
export const DEFAULT_INDICATOR_SPECS: readonly string[] = [
  'sma:20',
  'ema:50',
  'ema:200',
  'rsi:14',
  'macd:12,26,9',
  'bb:20,2',
  'atr:14',
  'adx:14',
  'stoch:14,3,3',
  'vwap',
  'obv',
  'cvd',
];

/** Closed bars kept per series for rebuilding after a correction. */
export const DEFAULT_HISTORY_BARS = 2000;

export interface IndicatorEngineOptions {
  /** Indicator specs (`rsi:14`, `macd:12,26,9`, ...); default `DEFAULT_INDICATOR_SPECS`. */
  readonly specs?: readonly string[];
  /** Closed bars kept per series for rebuilds (at least 1); default `DEFAULT_HISTORY_BARS`. */
  readonly historyBars?: number;
  /** Builds an indicator from a spec; default the registry's `createIndicatorFromSpec`. */
  readonly create?: (spec: string) => StreamingIndicator;
}

/**
 * Indicator values of one bar of one series, reported when any of them changed. `values` is
 * aligned with `IndicatorEngine.columns` (`values[i]` is column `columns[i]`, e.g. `rsi_14`,
 * `macd_12_26_9_signal`), null during warm-up. A row rather than a record: building it is ~20×
 * cheaper, and posting it to the page does not copy the column names every frame.
 */
export interface IndicatorSnapshot {
  readonly key: InstrumentKey;
  readonly timeframe: TimeframeId;
  /** Open time of the bar the values belong to; a later snapshot of the same bar supersedes it. */
  readonly openTimeMs: number;
  readonly values: readonly (number | null)[];
}

export interface IndicatorEngineStats {
  /** Closed bars committed on the streaming path. */
  readonly committed: number;
  /** Forming-bar previews (one per series per batch at most). */
  readonly previews: number;
  /** Series rebuilt after corrections. */
  readonly rebuilds: number;
  /** Bars replayed by those rebuilds. */
  readonly replayedBars: number;
  /** Corrections of bars older than the kept history, which could not be applied. */
  readonly uncorrectable: number;
}

/** `{ rsi_14: 55.2, ... }` from a snapshot row, for display and tests. */
export function valuesByColumn(
  columns: readonly string[],
  values: readonly (number | null)[],
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  columns.forEach((column, i) => (out[column] = values[i] ?? null));
  return out;
}

class Series {
  indicators: StreamingIndicator[];
  /** Closed bars, oldest first; trimmed lazily to the last `historyBars`. */
  readonly history: BarInput[] = [];
  lastCommittedMs = -Infinity;
  /** Bars committed to the current indicators (since creation or the last rebuild). */
  committed = 0;
  /** Latest forming bar, so it can be previewed again after a rebuild. */
  forming: BarInput | null = null;
  /** Bar and values last reported, for change detection. */
  shownMs = NaN;
  shown: readonly (number | null)[] = [];

  // Per-batch scratch, reset after each batch.
  touched = false;
  readonly newClosed: Candle[] = [];
  newForming: Candle | null = null;
  rebuildFromMs = Infinity;

  constructor(
    readonly key: InstrumentKey,
    readonly timeframe: TimeframeId,
    indicators: StreamingIndicator[],
  ) {
    this.indicators = indicators;
  }
}

export class IndicatorEngine {
  readonly specs: readonly string[];
  /** Output column names, in spec order and each indicator's output order. */
  readonly columns: readonly string[];
  readonly historyBars: number;
  private readonly create: (spec: string) => StreamingIndicator;
  /** venue → symbol → timeframe: no key string is built per update. */
  private readonly series = new Map<VenueId, Map<string, Map<TimeframeId, Series>>>();
  private readonly touched: Series[] = [];
  /** Values of the bar being evaluated, one per column. */
  private readonly scratch: (number | null)[];
  private counts = { committed: 0, previews: 0, rebuilds: 0, replayedBars: 0, uncorrectable: 0 };

  constructor(options: IndicatorEngineOptions = {}) {
    this.specs = options.specs ?? DEFAULT_INDICATOR_SPECS;
    this.create = options.create ?? createIndicatorFromSpec;
    const historyBars = options.historyBars ?? DEFAULT_HISTORY_BARS;
    if (!Number.isInteger(historyBars) || historyBars < 1) {
      throw new RangeError(`historyBars must be a whole number >= 1, got ${historyBars}`);
    }
    this.historyBars = historyBars;
    // Builds one set up front: checks the specs and fixes the column layout.
    const columns: string[] = [];
    const seen = new Set<string>();
    for (const indicator of this.createSet()) {
      if (seen.has(indicator.id)) throw new IndicatorSpecError(`indicator ${indicator.id} is listed twice`);
      seen.add(indicator.id);
      columns.push(...indicator.columns);
    }
    this.columns = columns;
    this.scratch = new Array<number | null>(columns.length).fill(null);
  }

  get stats(): IndicatorEngineStats {
    return { ...this.counts };
  }

  /** The last reported values of a series, or null if it has reported nothing. */
  latest(key: InstrumentKey, timeframe: TimeframeId): IndicatorSnapshot | null {
    const instrument = parseInstrumentKey(key);
    if (instrument === null) return null;
    const series = this.series.get(instrument.venue)?.get(instrument.symbol)?.get(timeframe);
    if (series === undefined || Number.isNaN(series.shownMs)) return null;
    return { key, timeframe, openTimeMs: series.shownMs, values: series.shown };
  }

  /** Drops every series of an instrument (unsubscribed); its next bars start from scratch. */
  forget(key: InstrumentKey): void {
    const instrument = parseInstrumentKey(key);
    if (instrument !== null) this.series.get(instrument.venue)?.delete(instrument.symbol);
  }

  /**
   * Applies one drained batch and returns the snapshots whose values changed: per series, in
   * open-time order, the bars committed (or rebuilt) by this batch, then the forming bar.
   */
  apply(updates: readonly CandleUpdate[]): IndicatorSnapshot[] {
    for (const update of updates) this.collect(update.candle);
    const out: IndicatorSnapshot[] = [];
    for (const series of this.touched) {
      this.process(series, out);
      series.touched = false;
      series.newClosed.length = 0;
      series.newForming = null;
      series.rebuildFromMs = Infinity;
    }
    this.touched.length = 0;
    return out;
  }

  private createSet(): StreamingIndicator[] {
    return this.specs.map((spec) => this.create(spec));
  }

  private seriesOf(candle: Candle): Series {
    let symbols = this.series.get(candle.venue);
    if (symbols === undefined) {
      symbols = new Map();
      this.series.set(candle.venue, symbols);
    }
    let timeframes = symbols.get(candle.symbol);
    if (timeframes === undefined) {
      timeframes = new Map();
      symbols.set(candle.symbol, timeframes);
    }
    let series = timeframes.get(candle.timeframe);
    if (series === undefined) {
      series = new Series(instrumentKey(candle.venue, candle.symbol), candle.timeframe, this.createSet());
      timeframes.set(candle.timeframe, series);
    }
    return series;
  }

  /** First pass: sorts the batch into new closed bars, corrections and the latest forming bar. */
  private collect(candle: Candle): void {
    const series = this.seriesOf(candle);
    if (!series.touched) {
      series.touched = true;
      this.touched.push(series);
    }
    if (!candle.closed) {
      // A forming bar behind a committed one cannot occur with the aggregator; ignore it.
      if (candle.openTimeMs > series.lastCommittedMs) series.newForming = candle;
      return;
    }
    if (candle.openTimeMs > series.lastCommittedMs) {
      series.newClosed.push(candle);
      return;
    }
    // A correction of a committed bar, or a late bar born closed between committed ones.
    const history = series.history;
    const oldestKept = history[Math.max(0, history.length - this.historyBars)];
    if (oldestKept === undefined || candle.openTimeMs < oldestKept.timeMs) {
      this.counts.uncorrectable++;
      return;
    }
    const bar = barFromCandle(candle);
    const i = lowerBound(history, candle.openTimeMs);
    if (history[i]?.timeMs === candle.openTimeMs) history[i] = bar;
    else history.splice(i, 0, bar);
    series.rebuildFromMs = Math.min(series.rebuildFromMs, candle.openTimeMs);
  }

  /** Second pass, per touched series: commit, or rebuild, then preview the forming bar. */
  private process(series: Series, out: IndicatorSnapshot[]): void {
    const closed = orderedClosed(series.newClosed);
    const rebuild = series.rebuildFromMs !== Infinity;
    for (const candle of closed) {
      const bar = barFromCandle(candle);
      this.keep(series, bar);
      series.lastCommittedMs = bar.timeMs;
      if (!rebuild) {
        this.evaluate(series, bar, true);
        this.counts.committed++;
        this.report(series, bar.timeMs, out);
      }
    }
    if (rebuild) this.rebuild(series, series.rebuildFromMs, out);
    if (series.forming !== null && series.forming.timeMs <= series.lastCommittedMs) series.forming = null;
    if (series.newForming !== null && series.newForming.openTimeMs > series.lastCommittedMs) {
      series.forming = barFromCandle(series.newForming);
    } else if (!rebuild) {
      return;
    }
    // New forming bar, or the old one again on rebuilt indicators.
    if (series.forming === null) return;
    this.evaluate(series, series.forming, false);
    this.counts.previews++;
    this.report(series, series.forming.timeMs, out);
  }

  private keep(series: Series, bar: BarInput): void {
    const history = series.history;
    history.push(bar);
    // Amortised O(1): trim only when twice the bound is reached.
    if (history.length >= 2 * this.historyBars) history.splice(0, history.length - this.historyBars);
  }

  /** Fresh indicators over the last `historyBars` kept bars; reports bars from `fromMs` on. */
  private rebuild(series: Series, fromMs: number, out: IndicatorSnapshot[]): void {
    const history = series.history;
    series.indicators = this.createSet();
    series.committed = 0;
    this.counts.rebuilds++;
    for (let i = Math.max(0, history.length - this.historyBars); i < history.length; i++) {
      const bar = history[i] as BarInput;
      this.evaluate(series, bar, true);
      this.counts.replayedBars++;
      if (bar.timeMs >= fromMs) this.report(series, bar.timeMs, out);
    }
  }

  /**
   * Runs every indicator on `bar` (commit or preview) into `scratch`. A preview during warm-up is
   * null by the indicator contract, so it is not computed: a new instrument's daily series stays
   * in warm-up for weeks while its forming bar changes every frame.
   */
  private evaluate(series: Series, bar: BarInput, commit: boolean): void {
    const scratch = this.scratch;
    const committed = series.committed;
    let c = 0;
    for (const indicator of series.indicators) {
      const value = commit ? indicator.add(bar) : committed < indicator.warmup ? null : indicator.replace(bar);
      for (const output of indicator.outputs) scratch[c++] = value === null ? null : (value[output] ?? null);
    }
    if (commit) series.committed = committed + 1;
  }

  /** Emits `scratch` for the bar unless it is the bar last reported with the same values. */
  private report(series: Series, openTimeMs: number, out: IndicatorSnapshot[]): void {
    const scratch = this.scratch;
    if (series.shownMs === openTimeMs && sameValues(series.shown, scratch)) return;
    const values = scratch.slice();
    series.shownMs = openTimeMs;
    series.shown = values;
    out.push({ key: series.key, timeframe: series.timeframe, openTimeMs, values });
  }
}

function sameValues(a: readonly (number | null)[], b: readonly (number | null)[]): boolean {
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Index of the first bar at or after `timeMs` in time-sorted bars. */
function lowerBound(bars: readonly BarInput[], timeMs: number): number {
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((bars[mid] as BarInput).timeMs < timeMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Closed bars of one batch in open-time order, the last version of a bar winning. */
function orderedClosed(candles: Candle[]): readonly Candle[] {
  if (candles.length < 2) return candles;
  let ordered = true;
  for (let i = 1; i < candles.length && ordered; i++) {
    ordered = (candles[i] as Candle).openTimeMs > (candles[i - 1] as Candle).openTimeMs;
  }
  if (ordered) return candles;
  const sorted = [...candles].sort((a, b) => a.openTimeMs - b.openTimeMs); // stable
  return sorted.filter((c, i) => (sorted[i + 1] as Candle | undefined)?.openTimeMs !== c.openTimeMs);
}
