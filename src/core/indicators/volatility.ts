import { ExponentialAverage } from './exponential-average';
import { RollingMoments } from './rolling-moments';
import type { Stage } from './stage';
import type { BarInput } from './bar-input';
import type { IndicatorCore } from './streaming-indicator';
import { TrueRange } from './true-range';

/**
 * Average true range as TA-Lib computes it: the first value is the simple mean of the true
 * ranges of bars 1..period (bar 0 has no previous close), then Wilder smoothing. TradingView's
 * ta.atr also counts bar 0 (as high − low), so it differs at first and converges by (1 − 1/period)
 * per bar.
 */
export class AverageTrueRange implements Stage<BarInput> {
  private readonly trueRange = new TrueRange();
  private readonly average: ExponentialAverage;

  constructor(readonly period: number) {
    this.average = new ExponentialAverage(period, 1 / period);
  }

  get warmup(): number {
    return this.period;
  }

  update(bar: BarInput, commit: boolean): number | null {
    const tr = this.trueRange.update(bar, commit);
    return tr === null ? null : this.average.update(tr, commit);
  }
}

/** Average true range (TA-Lib ATR). */
export function atrCore(period: number): IndicatorCore {
  const atr = new AverageTrueRange(period);
  return {
    warmup: atr.warmup,
    update(bar, commit) {
      const value = atr.update(bar, commit);
      return value === null ? null : { atr: value };
    },
  };
}

/** ATR as a percentage of close (TA-Lib NATR). */
export function natrCore(period: number): IndicatorCore {
  const atr = new AverageTrueRange(period);
  return {
    warmup: atr.warmup,
    update(bar, commit) {
      const value = atr.update(bar, commit);
      if (value === null) return null;
      return { natr: bar.close === 0 ? 0 : (value / bar.close) * 100 };
    },
  };
}

/** True range of each bar; none for the first bar (TA-Lib TRANGE). */
export function trueRangeCore(): IndicatorCore {
  const tr = new TrueRange();
  return {
    warmup: 1,
    update(bar, commit) {
      const value = tr.update(bar, commit);
      return value === null ? null : { tr: value };
    },
  };
}

/**
 * Population standard deviation of close over `period` bars (TA-Lib STDDEV with nbDev 1, and the
 * deviation Bollinger Bands use). Kept as centred moments (see `RollingMoments`); TA-Lib uses running
 * sums of squares, which lose digits at price levels far from zero (see the reference test for how far).
 */
export function stddevCore(period: number): IndicatorCore {
  const moments = new RollingMoments(period);
  return {
    warmup: period - 1,
    update(bar, commit) {
      return moments.update(bar.close, commit) ? { stddev: Math.sqrt(moments.variance) } : null;
    },
  };
}

/**
 * Bollinger Bands: SMA(close) ± mult·population std (TA-Lib BBANDS with SMA). Also %B =
 * (close − lower)/(upper − lower) as a fraction (0.5 when the bands touch) and bandwidth =
 * (upper − lower)/middle as a fraction (John Bollinger, "Bollinger on Bollinger Bands", ch. 7).
 */
export function bollingerCore(period: number, mult: number): IndicatorCore {
  const moments = new RollingMoments(period);
  return {
    warmup: period - 1,
    update(bar, commit) {
      if (!moments.update(bar.close, commit)) return null;
      const middle = moments.mean;
      const width = mult * Math.sqrt(moments.variance);
      const upper = middle + width;
      const lower = middle - width;
      return {
        middle,
        upper,
        lower,
        percent_b: upper === lower ? 0.5 : (bar.close - lower) / (upper - lower),
        bandwidth: middle === 0 ? 0 : (upper - lower) / middle,
      };
    },
  };
}

/**
 * Keltner Channels, the modern ATR form used by TradingView: EMA(close, period) ± mult·ATR(atrPeriod)
 * (Linda Raschke's revision of Chester Keltner's bands). ATR as in `AverageTrueRange`. Not in TA-Lib.
 */
export function keltnerCore(period: number, mult: number, atrPeriod: number): IndicatorCore {
  const ema = new ExponentialAverage(period);
  const atr = new AverageTrueRange(atrPeriod);
  return {
    warmup: Math.max(period - 1, atrPeriod),
    update(bar, commit) {
      const middle = ema.update(bar.close, commit);
      const range = atr.update(bar, commit);
      if (middle === null || range === null) return null;
      return { middle, upper: middle + mult * range, lower: middle - mult * range };
    },
  };
}
