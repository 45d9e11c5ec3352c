import { medianPrice, type BarInput } from './bar-input';
import { RingBuffer } from './ring-buffer';
import { RollingExtreme } from './rolling-extreme';
import { RollingLinearSums } from './rolling-linear-sums';
import type { IndicatorCore } from './streaming-indicator';
import { AverageTrueRange } from './volatility';

/**
 * ADX with +DI and −DI, computed exactly as TA-Lib's ADX/PLUS_DI/MINUS_DI: the directional
 * movement and true range sums start from the first `period − 1` one-bar values and are then
 * Wilder-smoothed (S − S/n + x); the first ADX is the mean of the first `period` DX values.
 * Wilder's book starts the sums from `period` values instead; the difference dies out by
 * (1 − 1/n) per bar. All three outputs start together, with the ADX.
 */
export function adxCore(period: number): IndicatorCore {
  interface State {
    readonly bars: number;
    readonly high: number;
    readonly low: number;
    readonly close: number;
    readonly plusDm: number;
    readonly minusDm: number;
    readonly tr: number;
    readonly dxSum: number;
    readonly adx: number;
  }
  let state: State | null = null;
  return {
    warmup: 2 * period - 1,
    update(bar, commit) {
      const s = state;
      if (s === null) {
        if (commit)
          state = {
            bars: 1,
            high: bar.high,
            low: bar.low,
            close: bar.close,
            plusDm: 0,
            minusDm: 0,
            tr: 0,
            dxSum: 0,
            adx: 0,
          };
        return null;
      }
      const upMove = bar.high - s.high;
      const downMove = s.low - bar.low;
      const plus = upMove > 0 && upMove > downMove ? upMove : 0;
      const minus = downMove > 0 && upMove < downMove ? downMove : 0;
      const trueRange = Math.max(bar.high, s.close) - Math.min(bar.low, s.close);
      const index = s.bars; // 0-based index of this bar
      let { plusDm, minusDm, tr, dxSum, adx } = s;
      let result: { adx: number; plus_di: number; minus_di: number } | null = null;
      if (index < period) {
        plusDm += plus;
        minusDm += minus;
        tr += trueRange;
      } else {
        plusDm = plusDm - plusDm / period + plus;
        minusDm = minusDm - minusDm / period + minus;
        tr = tr - tr / period + trueRange;
        const plusDi = tr === 0 ? 0 : 100 * (plusDm / tr);
        const minusDi = tr === 0 ? 0 : 100 * (minusDm / tr);
        const diSum = plusDi + minusDi;
        // Without range or movement there is no DX: the ADX keeps its value (TA-Lib's rule).
        const dx = diSum === 0 ? null : 100 * (Math.abs(minusDi - plusDi) / diSum);
        if (index < 2 * period) {
          if (dx !== null) dxSum += dx;
          if (index === 2 * period - 1) adx = dxSum / period;
        } else if (dx !== null) adx = (adx * (period - 1) + dx) / period;
        if (index >= 2 * period - 1) result = { adx, plus_di: plusDi, minus_di: minusDi };
      }
      if (commit) {
        state = {
          bars: Math.min(index + 1, 2 * period),
          high: bar.high,
          low: bar.low,
          close: bar.close,
          plusDm,
          minusDm,
          tr,
          dxSum,
          adx,
        };
      }
      return result;
    },
  };
}

/**
 * Parabolic SAR exactly as TA-Lib's SAR: the first bar is consumed to find the initial trend
 * (down if bar 1 has a larger −DM than +DM, else up) and the initial SAR (bar 0's low or high).
 * The value on each bar is the stop that applied during that bar, as charted.
 */
export function psarCore(acceleration: number, maximum: number): IndicatorCore {
  const step = Math.min(acceleration, maximum);
  interface State {
    readonly long: boolean;
    readonly sar: number;
    readonly ep: number;
    readonly af: number;
    readonly high: number;
    readonly low: number;
  }
  let first: { high: number; low: number } | null = null;
  let state: State | null = null;
  return {
    warmup: 1,
    update(bar, commit) {
      if (first === null) {
        if (commit) first = { high: bar.high, low: bar.low };
        return null;
      }
      let s = state;
      // Second bar: pick the initial direction and use it as its own "previous" bar.
      if (s === null) {
        const up = bar.high - first.high;
        const down = first.low - bar.low;
        const long = !(down > 0 && up < down);
        s = long
          ? { long, sar: first.low, ep: bar.high, af: step, high: bar.high, low: bar.low }
          : { long, sar: first.high, ep: bar.low, af: step, high: bar.high, low: bar.low };
      }
      const prevHigh = s.high;
      const prevLow = s.low;
      let { long, sar, ep, af } = s;
      let output: number;
      if (long) {
        if (bar.low <= sar) {
          long = false;
          sar = Math.max(ep, prevHigh, bar.high);
          output = sar;
          af = step;
          ep = bar.low;
          sar = Math.max(sar + af * (ep - sar), prevHigh, bar.high);
        } else {
          output = sar;
          if (bar.high > ep) {
            ep = bar.high;
            af = Math.min(af + step, maximum);
          }
          sar = Math.min(sar + af * (ep - sar), prevLow, bar.low);
        }
      } else if (bar.high >= sar) {
        long = true;
        sar = Math.min(ep, prevLow, bar.low);
        output = sar;
        af = step;
        ep = bar.high;
        sar = Math.min(sar + af * (ep - sar), prevLow, bar.low);
      } else {
        output = sar;
        if (bar.low < ep) {
          ep = bar.low;
          af = Math.min(af + step, maximum);
        }
        sar = Math.max(sar + af * (ep - sar), prevHigh, bar.high);
      }
      if (commit) state = { long, sar, ep, af, high: bar.high, low: bar.low };
      return { psar: output };
    },
  };
}

/**
 * SuperTrend as TradingView's ta.supertrend (Pine v5 reference): bands hl2 ± mult·ATR that only
 * tighten while price stays inside, direction flips when close crosses the active band. Starts
 * in a downtrend on the first ATR bar, as TradingView does. `direction` is +1 up, −1 down. ATR is
 * `AverageTrueRange` (TA-Lib seeding). Not in TA-Lib.
 */
export function supertrendCore(period: number, mult: number): IndicatorCore {
  const atr = new AverageTrueRange(period);
  let previous: { upper: number; lower: number; close: number; up: boolean } | null = null;
  return {
    warmup: atr.warmup,
    update(bar, commit) {
      const range = atr.update(bar, commit);
      if (range === null) {
        if (commit) previous = null;
        return null;
      }
      const hl2 = medianPrice(bar);
      let upper = hl2 + mult * range;
      let lower = hl2 - mult * range;
      let up = false;
      if (previous !== null) {
        if (!(lower > previous.lower || previous.close < previous.lower)) lower = previous.lower;
        if (!(upper < previous.upper || previous.close > previous.upper)) upper = previous.upper;
        up = previous.up ? !(bar.close < lower) : bar.close > upper;
      }
      if (commit) previous = { upper, lower, close: bar.close, up };
      return { supertrend: up ? lower : upper, direction: up ? 1 : -1 };
    },
  };
}

/**
 * Ichimoku Kinko Hyo. Tenkan/kijun are midpoints of the `conversion`/`base` high-low range;
 * `senkou_a`/`senkou_b` are the cloud on this bar, i.e. (tenkan + kijun)/2 and the `spanB`
 * midpoint computed `displacement − 1` bars earlier (TradingView plots them with offset
 * displacement − 1); `lead_a`/`lead_b` are the values computed now, to be plotted ahead.
 * Chikou is the close plotted back, so it is not an output. Not in TA-Lib.
 */
export function ichimokuCore(conversion: number, base: number, spanB: number, displacement: number): IndicatorCore {
  const longest = Math.max(conversion, base, spanB);
  const channel = (n: number) => ({ high: new RollingExtreme(n, 'max'), low: new RollingExtreme(n, 'min') });
  const channels = [channel(conversion), channel(base), channel(spanB)] as const;
  const leadA = new RingBuffer(displacement);
  const leadB = new RingBuffer(displacement);
  let bars = 0;
  const midpoint = (c: (typeof channels)[number], bar: BarInput, commit: boolean): number =>
    ((c.high.update(bar.high, commit) ?? NaN) + (c.low.update(bar.low, commit) ?? NaN)) / 2;
  return {
    warmup: longest - 1 + displacement - 1,
    update(bar, commit) {
      const tenkan = midpoint(channels[0], bar, commit);
      const kijun = midpoint(channels[1], bar, commit);
      const leadBNow = midpoint(channels[2], bar, commit);
      const seen = bars + 1;
      if (commit) bars++;
      if (seen < longest) return null;
      const leadANow = (tenkan + kijun) / 2;
      // The cloud on this bar is what was computed displacement − 1 bars ago.
      const ready = leadA.length + 1 >= displacement;
      const a = leadA.oldestWith(leadANow);
      const b = leadB.oldestWith(leadBNow);
      if (commit) {
        leadA.push(leadANow);
        leadB.push(leadBNow);
      }
      if (!ready) return null;
      return {
        tenkan,
        kijun,
        senkou_a: a,
        senkou_b: b,
        lead_a: leadANow,
        lead_b: leadBNow,
      };
    },
  };
}

/**
 * Least-squares line through the last `period` closes: `value` is the line at this bar (TA-Lib
 * LINEARREG), `slope` per bar (LINEARREG_SLOPE), `intercept` the line at the oldest bar of the
 * window (LINEARREG_INTERCEPT).
 */
export function linregCore(period: number): IndicatorCore {
  const sums = new RollingLinearSums(period);
  // x = 0 (oldest) .. n − 1: Σx·y = Σ(i+1)·y − Σy, and Σ(x − x̄)² = n(n² − 1)/12.
  const xMean = (period - 1) / 2;
  const sxx = (period * (period * period - 1)) / 12;
  return {
    warmup: period - 1,
    update(bar, commit) {
      if (!sums.update(bar.close, commit)) return null;
      const yMean = sums.sum / period;
      const sxy = sums.weighted - sums.sum - xMean * sums.sum;
      const slope = sxx === 0 ? 0 : sxy / sxx;
      const intercept = yMean - slope * xMean;
      return { value: intercept + slope * (period - 1), slope, intercept };
    },
  };
}
