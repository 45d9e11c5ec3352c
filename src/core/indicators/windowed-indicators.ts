import { typicalPrice, type BarInput } from './bar-input';
import { RingBuffer } from './ring-buffer';
import { RollingExtreme } from './rolling-extreme';
import { RollingSum } from './rolling-sum';
import { SimpleAverage } from './simple-average';
import type { IndicatorCore, IndicatorValue } from './streaming-indicator';
import { WeightedAverage } from './weighted-average';

/**
 * Windowed indicators whose definitions first came from trading-signals (checked there against
 * TA-Lib or an independent implementation), computed here with running state so that an update
 * costs O(1) whatever the period. Flat-window conventions are unchanged and documented per
 * indicator.
 */

/** Wraps a number stage as a core with one named output. */
function single(
  warmup: number,
  stage: { update(x: number, commit: boolean): number | null },
  input: (bar: BarInput) => number,
  name: string,
): IndicatorCore {
  return {
    warmup,
    update(bar, commit) {
      const value = stage.update(input(bar), commit);
      return value === null ? null : { [name]: value };
    },
  };
}

const close = (bar: BarInput): number => bar.close;

/** Simple moving average of close (TA-Lib SMA). */
export function smaCore(period: number): IndicatorCore {
  return single(period - 1, new SimpleAverage(period), close, 'sma');
}

/** Linearly weighted moving average of close, weights 1..period (TA-Lib WMA). */
export function wmaCore(period: number): IndicatorCore {
  return single(period - 1, new WeightedAverage(period), close, 'wma');
}

/**
 * Triangular moving average (TA-Lib TRIMA, weights 1,2,..,2,1): an SMA of an SMA, of ⌈(n+1)/2⌉
 * and ⌊(n+1)/2⌋ bars for even n, (n+1)/2 and (n+1)/2 for odd n, which gives those weights exactly.
 */
export function trimaCore(period: number): IndicatorCore {
  const half = Math.trunc(period / 2);
  const first = new SimpleAverage(half + 1);
  const second = new SimpleAverage(period % 2 === 0 ? half : half + 1);
  return {
    warmup: period - 1,
    update(bar, commit) {
      const inner = first.update(bar.close, commit);
      const outer = inner === null ? null : second.update(inner, commit);
      return outer === null ? null : { trima: outer };
    },
  };
}

/**
 * Hull moving average: WMA(2·WMA(close, ⌊n/2⌋) − WMA(close, n), ⌊√n⌋). Not in TA-Lib; Alan Hull,
 * https://alanhull.com/hull-moving-average.
 */
export function hmaCore(period: number): IndicatorCore {
  const half = new WeightedAverage(Math.max(1, Math.floor(period / 2)));
  const full = new WeightedAverage(period);
  const root = new WeightedAverage(Math.floor(Math.sqrt(period)));
  return {
    warmup: period - 1 + Math.floor(Math.sqrt(period)) - 1,
    update(bar, commit) {
      const h = half.update(bar.close, commit);
      const f = full.update(bar.close, commit);
      if (h === null || f === null) return null;
      const hma = root.update(2 * h - f, commit);
      return hma === null ? null : { hma };
    },
  };
}

/** close and the close `period` bars before it; null until there is one. */
function withPast(period: number): (x: number, commit: boolean) => number | null {
  const closes = new RingBuffer(period + 1);
  return (x, commit) => {
    const past = closes.length >= period ? closes.oldestWith(x) : null;
    if (commit) closes.push(x);
    return past;
  };
}

/** Momentum: close − close `period` bars ago (TA-Lib MOM). */
export function momCore(period: number): IndicatorCore {
  const past = withPast(period);
  return {
    warmup: period,
    update(bar, commit) {
      const p = past(bar.close, commit);
      return p === null ? null : { mom: bar.close - p };
    },
  };
}

/** Rate of change in percent: 100·(close / close `period` bars ago − 1) (TA-Lib ROC). */
export function rocCore(period: number): IndicatorCore {
  const past = withPast(period);
  return {
    warmup: period,
    update(bar, commit) {
      const p = past(bar.close, commit);
      return p === null ? null : { roc: ((bar.close - p) / p) * 100 };
    },
  };
}

/** The previous committed value of a series, for one-bar changes. */
class Previous {
  value: number | null = null;
  /** The previous value, then `x` becomes it when committed. */
  next(x: number, commit: boolean): number | null {
    const prior = this.value;
    if (commit) this.value = x;
    return prior;
  }
}

/**
 * Chande Momentum Oscillator as Chande defined it: 100·(Σgains − Σlosses)/(Σgains + Σlosses) over
 * the last `period` changes, 0 on a flat window. TA-Lib's CMO instead Wilder-smooths the gains
 * and losses like its RSI (it equals 2·RSI − 100), so the two agree only on the first value.
 */
export function cmoCore(period: number): IndicatorCore {
  const previous = new Previous();
  const gains = new RollingSum(period);
  const losses = new RollingSum(period);
  return {
    warmup: period,
    update(bar, commit) {
      const prior = previous.next(bar.close, commit);
      if (prior === null) return null;
      const change = bar.close - prior;
      const g = gains.update(change > 0 ? change : 0, commit);
      const l = losses.update(change > 0 ? 0 : -change, commit);
      if (g === null || l === null) return null;
      const total = g + l;
      return { cmo: total === 0 ? 0 : (100 * (g - l)) / total };
    },
  };
}

/**
 * Money Flow Index over `period` typical-price changes (TA-Lib MFI). With no money flow in the
 * window it is 50; TA-Lib returns 0 whenever the flow total is below 1.0.
 */
export function mfiCore(period: number): IndicatorCore {
  const previous = new Previous();
  const positive = new RollingSum(period);
  const negative = new RollingSum(period);
  return {
    warmup: period,
    update(bar, commit) {
      const tp = typicalPrice(bar);
      const prior = previous.next(tp, commit);
      if (prior === null) return null;
      const flow = tp * bar.volume;
      const p = positive.update(tp > prior ? flow : 0, commit);
      const n = negative.update(tp < prior ? flow : 0, commit);
      if (p === null || n === null) return null;
      const total = p + n;
      return { mfi: total === 0 ? 50 : (100 * p) / total };
    },
  };
}

/** Chaikin Money Flow: Σ(money-flow volume)/Σ(volume) over `period` bars; 0 without volume. Not in TA-Lib. */
export function cmfCore(period: number): IndicatorCore {
  const flow = new RollingSum(period);
  const volume = new RollingSum(period);
  return {
    warmup: period - 1,
    update(bar, commit) {
      const range = bar.high - bar.low;
      const multiplier = range === 0 ? 0 : (bar.close - bar.low - (bar.high - bar.close)) / range;
      const f = flow.update(multiplier * bar.volume, commit);
      const v = volume.update(bar.volume, commit);
      if (f === null || v === null) return null;
      return { cmf: v === 0 ? 0 : f / v };
    },
  };
}

/**
 * Aroon over `period` + 1 bars; the most recent extreme wins ties (TA-Lib AROON and AROONOSC).
 * Outputs up, down and the oscillator up − down.
 */
export function aroonCore(period: number): IndicatorCore {
  const highs = new RollingExtreme(period + 1, 'max');
  const lows = new RollingExtreme(period + 1, 'min');
  return {
    warmup: period,
    update(bar, commit) {
      const h = highs.update(bar.high, commit);
      const l = lows.update(bar.low, commit);
      if (h === null || l === null) return null;
      const up = (100 * (period - highs.age)) / period;
      const down = (100 * (period - lows.age)) / period;
      return { up, down, osc: up - down };
    },
  };
}

/** Donchian channels: highest high and lowest low of `period` bars and their midpoint (TA-Lib MAX, MIN, MIDPRICE). */
export function donchianCore(period: number): IndicatorCore {
  const highs = new RollingExtreme(period, 'max');
  const lows = new RollingExtreme(period, 'min');
  return {
    warmup: period - 1,
    update(bar, commit): IndicatorValue | null {
      const upper = highs.update(bar.high, commit);
      const lower = lows.update(bar.low, commit);
      if (upper === null || lower === null) return null;
      return { middle: (upper + lower) / 2, upper, lower };
    },
  };
}

/**
 * Ultimate Oscillator (TA-Lib ULTOSC): buying pressure over true range, averaged over three
 * periods with weights 4:2:1. 50 when the short window has no range (TA-Lib divides by zero there).
 */
export function ultoscCore(short: number, medium: number, long: number): IndicatorCore {
  if (!(short < medium && medium < long)) throw new RangeError('ultosc periods must increase: short < medium < long');
  const previous = new Previous();
  const windows = [short, medium, long].map((n) => ({ pressure: new RollingSum(n), range: new RollingSum(n) }));
  return {
    warmup: long,
    update(bar, commit) {
      const prior = previous.next(bar.close, commit);
      if (prior === null) return null;
      const trueLow = Math.min(bar.low, prior);
      const pressure = bar.close - trueLow;
      const range = Math.max(bar.high, prior) - trueLow;
      // Short, medium, long: Σpressure/Σrange, null until the window is full.
      const ratios = windows.map((w) => {
        const p = w.pressure.update(pressure, commit);
        const r = w.range.update(range, commit);
        return p === null || r === null ? null : { p, r };
      });
      const [s, m, l] = ratios;
      if (s == null || m == null || l == null) return null;
      if (s.r === 0) return { ultosc: 50 };
      return { ultosc: (100 * ((4 * s.p) / s.r + (2 * m.p) / m.r + l.p / l.r)) / 7 };
    },
  };
}
