import { RSI } from 'trading-signals';
import { medianPrice, typicalPrice } from './bar-input';
import { ExponentialAverage } from './exponential-average';
import { EmaChain } from './moving-averages';
import { OrderStatisticTree } from './order-statistic-tree';
import { RingBuffer } from './ring-buffer';
import { RollingExtreme } from './rolling-extreme';
import { RollingSum } from './rolling-sum';
import { SimpleAverage } from './simple-average';
import type { IndicatorCore, IndicatorValue } from './streaming-indicator';
import { TradingSignalsStage } from './trading-signals-stage';

/**
 * Position of `x` in [low, high] scaled to 0..100. A window without range gives 50 (no
 * information either way; TA-Lib gives 0). "Without range" allows for rounding noise: an RSI
 * that stays put over unchanged closes can wobble in the 15th digit, and scaling that wobble to
 * 0..100 would print pure noise (TA-Lib's STOCHRSI does). Real price ranges are at least a tick,
 * many orders of magnitude above the threshold.
 */
function stochasticPosition(x: number, low: number, high: number): number {
  const range = high - low;
  if (range <= 1e-10 * Math.max(Math.abs(high), Math.abs(low))) return 50;
  return (100 * (x - low)) / range;
}

/**
 * Slow stochastic: raw %K over `kPeriod` bars, %K = SMA(raw, kSmooth), %D = SMA(%K, dPeriod).
 * Same as TA-Lib STOCH with SMA smoothing and TradingView's Stoch (14, 3, 3).
 */
export function stochasticCore(kPeriod: number, kSmooth: number, dPeriod: number): IndicatorCore {
  const highs = new RollingExtreme(kPeriod, 'max');
  const lows = new RollingExtreme(kPeriod, 'min');
  const kAverage = new SimpleAverage(kSmooth);
  const dAverage = new SimpleAverage(dPeriod);
  return {
    warmup: kPeriod - 1 + kSmooth - 1 + dPeriod - 1,
    update(bar, commit) {
      const h = highs.update(bar.high, commit);
      const l = lows.update(bar.low, commit);
      if (h === null || l === null) return null;
      const k = kAverage.update(stochasticPosition(bar.close, l, h), commit);
      const d = k === null ? null : dAverage.update(k, commit);
      return k === null || d === null ? null : { k, d };
    },
  };
}

/**
 * Stochastic RSI, TradingView's layout: raw = stochastic position of RSI(rsiPeriod) within its last
 * `stochPeriod` values, %K = SMA(raw, kSmooth), %D = SMA(%K, dPeriod). TA-Lib STOCHRSI(n, m, d)
 * has no %K smoothing: its fastK and fastD are this indicator with kSmooth = 1.
 */
export function stochRsiCore(rsiPeriod: number, stochPeriod: number, kSmooth: number, dPeriod: number): IndicatorCore {
  const rsi = new TradingSignalsStage<number, number>(new RSI(rsiPeriod));
  const highest = new RollingExtreme(stochPeriod, 'max');
  const lowest = new RollingExtreme(stochPeriod, 'min');
  const kAverage = new SimpleAverage(kSmooth);
  const dAverage = new SimpleAverage(dPeriod);
  return {
    warmup: rsiPeriod + stochPeriod - 1 + kSmooth - 1 + dPeriod - 1,
    update(bar, commit) {
      const r = rsi.update(bar.close, commit);
      if (r === null) return null;
      const high = highest.update(r, commit);
      const low = lowest.update(r, commit);
      if (high === null || low === null) return null;
      const k = kAverage.update(stochasticPosition(r, low, high), commit);
      const d = k === null ? null : dAverage.update(k, commit);
      return k === null || d === null ? null : { k, d };
    },
  };
}

/** Williams %R: −100·(highest high − close)/(highest high − lowest low); −50 on a flat window (TA-Lib WILLR gives 0). */
export function williamsRCore(period: number): IndicatorCore {
  const highs = new RollingExtreme(period, 'max');
  const lows = new RollingExtreme(period, 'min');
  return {
    warmup: period - 1,
    update(bar, commit) {
      const h = highs.update(bar.high, commit);
      const l = lows.update(bar.low, commit);
      if (h === null || l === null) return null;
      return { willr: stochasticPosition(bar.close, l, h) - 100 };
    },
  };
}

/**
 * Commodity Channel Index: (tp − SMA(tp))/(0.015·mean deviation), tp = (H+L+C)/3; 0 without
 * deviation (TA-Lib CCI). The mean deviation comes from an order-statistic tree of the window
 * (O(log period) per update): Σ|v − m| = m·(count below m) − Σbelow + Σabove − m·(count above).
 */
export function cciCore(period: number): IndicatorCore {
  const sum = new RollingSum(period);
  const highest = new RollingExtreme(period, 'max');
  const lowest = new RollingExtreme(period, 'min');
  const window = new RingBuffer(period);
  const sorted = new OrderStatisticTree();
  return {
    warmup: period - 1,
    update(bar, commit) {
      const tp = typicalPrice(bar);
      const total = sum.update(tp, commit);
      const high = highest.update(tp, commit);
      const low = lowest.update(tp, commit);
      const leaving = window.leaving;
      let value: IndicatorValue | null = null;
      if (total !== null) {
        const average = total / period;
        // The window as it would be: the committed values, less the one leaving, plus tp.
        let deviation = sorted.absoluteDeviation(average) + Math.abs(tp - average);
        if (leaving !== undefined) deviation -= Math.abs(leaving - average);
        deviation /= period;
        value = { cci: high === low || deviation <= 0 ? 0 : (tp - average) / (0.015 * deviation) };
      }
      if (commit) {
        if (leaving !== undefined) sorted.delete(leaving);
        sorted.insert(tp);
        window.push(tp);
      }
      return value;
    },
  };
}

/**
 * How MACD seeds its fast EMA (the registry's `macd` uses `standard`).
 * - `standard`: both EMAs start on the first bar, each seeded with the SMA of its own first
 *   closes (Appel's definition as charting packages compute it, and TA-Lib's own EMA and PPO).
 * - `talib`: TA-Lib's MACD starts the fast EMA `slow − fast` bars late, so that both EMAs are
 *   seeded on windows ending on the same bar. Values differ at first and converge geometrically
 *   (factor 1 − 2/(fast+1) per bar): for 12/26 they agree to 1e-9 after about 150 bars.
 */
export type MacdSeeding = 'standard' | 'talib';

/** Fast and slow EMA of close with MACD's seeding rule; null until both have a value. */
class EmaPair {
  private readonly fast: ExponentialAverage;
  private readonly slow: ExponentialAverage;
  private readonly skip: number;
  private bars = 0;

  constructor(fast: number, slow: number, seeding: MacdSeeding) {
    if (!(fast < slow)) throw new RangeError('the fast period must be below the slow period');
    this.fast = new ExponentialAverage(fast);
    this.slow = new ExponentialAverage(slow);
    this.skip = seeding === 'talib' ? slow - fast : 0;
  }

  update(close: number, commit: boolean): { readonly fast: number; readonly slow: number } | null {
    const fed = this.bars >= this.skip;
    if (commit && !fed) this.bars++;
    const f = fed ? this.fast.update(close, commit) : null;
    const s = this.slow.update(close, commit);
    return f === null || s === null ? null : { fast: f, slow: s };
  }
}

/** MACD: fast EMA − slow EMA, its signal EMA and the histogram (TA-Lib MACD, see `MacdSeeding`). */
export function macdCore(fast: number, slow: number, signal: number, seeding: MacdSeeding = 'standard'): IndicatorCore {
  const pair = new EmaPair(fast, slow, seeding);
  const signalEma = new ExponentialAverage(signal);
  return {
    warmup: slow - 1 + signal - 1,
    update(bar, commit) {
      const p = pair.update(bar.close, commit);
      if (p === null) return null;
      const macd = p.fast - p.slow;
      const s = signalEma.update(macd, commit);
      return s === null ? null : { macd, signal: s, histogram: macd - s };
    },
  };
}

/**
 * Percentage Price Oscillator: 100·(fast EMA − slow EMA)/slow EMA, its signal EMA and histogram.
 * The PPO line equals TA-Lib PPO with MA type EMA (TA-Lib defaults to SMA), whose EMAs both start
 * on the first bar, unlike its MACD.
 */
export function ppoCore(fast: number, slow: number, signal: number): IndicatorCore {
  const pair = new EmaPair(fast, slow, 'standard');
  const signalEma = new ExponentialAverage(signal);
  return {
    warmup: slow - 1 + signal - 1,
    update(bar, commit) {
      const p = pair.update(bar.close, commit);
      if (p === null) return null;
      const ppo = p.slow === 0 ? 0 : ((p.fast - p.slow) / p.slow) * 100;
      const s = signalEma.update(ppo, commit);
      return s === null ? null : { ppo, signal: s, histogram: ppo - s };
    },
  };
}

/** TRIX: one-bar rate of change, in percent, of a triple EMA (TA-Lib TRIX). */
export function trixCore(period: number): IndicatorCore {
  const chain = new EmaChain(period, 3);
  let previous: number | null = null;
  return {
    warmup: chain.warmup + 1,
    update(bar, commit) {
      const e = chain.update(bar.close, commit);
      if (e === null) return null;
      const triple = e[2] as number;
      const prior = previous;
      if (commit) previous = triple;
      if (prior === null) return null;
      return { trix: prior === 0 ? 0 : (triple / prior - 1) * 100 };
    },
  };
}

/** Balance of Power: (close − open)/(high − low); 0 on a bar without range (TA-Lib BOP). */
export function bopCore(): IndicatorCore {
  return {
    warmup: 0,
    update(bar) {
      const range = bar.high - bar.low;
      return { bop: range === 0 ? 0 : (bar.close - bar.open) / range };
    },
  };
}

/**
 * Awesome Oscillator: SMA(hl2, fast) − SMA(hl2, slow), hl2 = (high + low)/2 (Bill Williams,
 * "Trading Chaos", 2nd ed.). Not in TA-Lib.
 */
export function aoCore(fast: number, slow: number): IndicatorCore {
  if (!(fast < slow)) throw new RangeError('ao: fast must be below slow');
  const fastSma = new SimpleAverage(fast);
  const slowSma = new SimpleAverage(slow);
  return {
    warmup: slow - 1,
    update(bar, commit) {
      const hl2 = medianPrice(bar);
      const f = fastSma.update(hl2, commit);
      const s = slowSma.update(hl2, commit);
      return f === null || s === null ? null : { ao: f - s };
    },
  };
}
