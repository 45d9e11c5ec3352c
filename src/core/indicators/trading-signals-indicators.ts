import {
  AD,
  Aroon,
  CMF,
  CMO,
  DonchianChannels,
  HMA,
  MFI,
  MOM,
  ROC,
  RSI,
  SMA,
  TRIMA,
  UltimateOscillator,
  WMA,
} from 'trading-signals';
import type { BarInput } from './bar-input';
import type { IndicatorCore, IndicatorValue } from './streaming-indicator';
import { TradingSignalsStage, type TradingSignalsIndicator } from './trading-signals-stage';

/**
 * Indicators taken from trading-signals, where its definition matches TA-Lib (or, where TA-Lib
 * has none, the common one). Each was checked against TA-Lib or an independent implementation in
 * the tests. The only differences are flat-window conventions, documented per indicator.
 */

function core<In, Out>(
  warmup: number,
  inner: TradingSignalsIndicator<In, Out>,
  input: (bar: BarInput) => In,
  output: (result: Out) => IndicatorValue,
): IndicatorCore {
  const stage = new TradingSignalsStage(inner);
  return {
    warmup,
    update(bar, commit) {
      const result = stage.update(input(bar), commit);
      return result === null ? null : output(result);
    },
  };
}

const close = (bar: BarInput): number => bar.close;
const hlcv = (bar: BarInput) => ({ high: bar.high, low: bar.low, close: bar.close, volume: bar.volume });

/** Simple moving average of close (TA-Lib SMA). */
export function smaCore(period: number): IndicatorCore {
  return core(period - 1, new SMA(period), close, (sma: number) => ({ sma }));
}

/** Linearly weighted moving average of close, weights 1..period (TA-Lib WMA). */
export function wmaCore(period: number): IndicatorCore {
  return core(period - 1, new WMA(period), close, (wma: number) => ({ wma }));
}

/** Triangular moving average (TA-Lib TRIMA weights 1,2,..,2,1). */
export function trimaCore(period: number): IndicatorCore {
  return core(period - 1, new TRIMA(period), close, (trima: number) => ({ trima }));
}

/**
 * Hull moving average: WMA(2·WMA(close, ⌊n/2⌋) − WMA(close, n), ⌊√n⌋). Not in TA-Lib; Alan Hull,
 * https://alanhull.com/hull-moving-average.
 */
export function hmaCore(period: number): IndicatorCore {
  return core(period - 1 + Math.floor(Math.sqrt(period)) - 1, new HMA(period), close, (hma: number) => ({ hma }));
}

/**
 * Wilder's RSI: average gain and loss seeded with the simple mean of the first `period` changes,
 * then Wilder-smoothed (same as TA-Lib RSI). With no losses in the window it is 100, also on a
 * perfectly flat window (trading-signals' and TradingView's rule; TA-Lib gives 0 there).
 */
export function rsiCore(period: number): IndicatorCore {
  return core(period, new RSI(period), close, (rsi: number) => ({ rsi }));
}

/** Momentum: close − close `period` bars ago (TA-Lib MOM). */
export function momCore(period: number): IndicatorCore {
  return core(period, new MOM(period), close, (mom: number) => ({ mom }));
}

/** Rate of change in percent: 100·(close / close `period` bars ago − 1) (TA-Lib ROC). */
export function rocCore(period: number): IndicatorCore {
  return core(period, new ROC(period), close, (fraction: number) => ({ roc: fraction * 100 }));
}

/**
 * Chande Momentum Oscillator as Chande defined it: 100·(Σgains − Σlosses)/(Σgains + Σlosses) over
 * the last `period` changes, 0 on a flat window. TA-Lib's CMO instead Wilder-smooths the gains
 * and losses like its RSI (it equals 2·RSI − 100), so the two agree only on the first value.
 */
export function cmoCore(period: number): IndicatorCore {
  return core(period, new CMO(period), close, (cmo: number) => ({ cmo }));
}

/**
 * Money Flow Index over `period` typical-price changes (TA-Lib MFI). With no money flow in the
 * window it is 50; TA-Lib returns 0 whenever the flow total is below 1.0.
 */
export function mfiCore(period: number): IndicatorCore {
  return core(period, new MFI(period), hlcv, (mfi: number) => ({ mfi }));
}

/** Chaikin Money Flow: Σ(money-flow volume)/Σ(volume) over `period` bars; 0 without volume. Not in TA-Lib. */
export function cmfCore(period: number): IndicatorCore {
  return core(period - 1, new CMF(period), hlcv, (cmf: number) => ({ cmf }));
}

/** Chaikin Accumulation/Distribution line, cumulative from the first bar (TA-Lib AD). */
export function adCore(): IndicatorCore {
  return core(0, new AD(), hlcv, (ad: number) => ({ ad }));
}

/**
 * Aroon over `period` + 1 bars; the most recent extreme wins ties (TA-Lib AROON and AROONOSC).
 * Outputs up, down and the oscillator up − down.
 */
export function aroonCore(period: number): IndicatorCore {
  return core(
    period,
    new Aroon(period),
    (bar) => ({ high: bar.high, low: bar.low }),
    (r: { aroonUp: number; aroonDown: number }) => ({ up: r.aroonUp, down: r.aroonDown, osc: r.aroonUp - r.aroonDown }),
  );
}

/** Donchian channels: highest high and lowest low of `period` bars and their midpoint (TA-Lib MAX, MIN, MIDPRICE). */
export function donchianCore(period: number): IndicatorCore {
  return core(
    period - 1,
    new DonchianChannels(period),
    (bar) => ({ high: bar.high, low: bar.low }),
    (r: { upper: number; middle: number; lower: number }) => ({ middle: r.middle, upper: r.upper, lower: r.lower }),
  );
}

/**
 * Ultimate Oscillator (TA-Lib ULTOSC): buying pressure over true range, averaged over three
 * periods with weights 4:2:1. 50 when the short window has no range (TA-Lib divides by zero there).
 */
export function ultoscCore(short: number, medium: number, long: number): IndicatorCore {
  if (!(short < medium && medium < long)) throw new RangeError('ultosc periods must increase: short < medium < long');
  return core(
    long,
    new UltimateOscillator({ shortPeriod: short, mediumPeriod: medium, longPeriod: long }),
    (bar) => ({ high: bar.high, low: bar.low, close: bar.close }),
    (ultosc: number) => ({ ultosc }),
  );
}
