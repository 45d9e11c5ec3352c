import { AD, RSI } from 'trading-signals';
import type { BarInput } from './bar-input';
import type { IndicatorCore, IndicatorValue } from './streaming-indicator';
import { TradingSignalsStage, type TradingSignalsIndicator } from './trading-signals-stage';

/**
 * Indicators taken from trading-signals, where its definition matches TA-Lib. Both keep O(1)
 * state (Wilder smoothing, a cumulative line); trading-signals' windowed indicators recompute
 * their window on every update, so those live in `windowed-indicators.ts` instead.
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

/**
 * Wilder's RSI: average gain and loss seeded with the simple mean of the first `period` changes,
 * then Wilder-smoothed (same as TA-Lib RSI). With no losses in the window it is 100, also on a
 * perfectly flat window (trading-signals' and TradingView's rule; TA-Lib gives 0 there).
 */
export function rsiCore(period: number): IndicatorCore {
  return core(period, new RSI(period), close, (rsi: number) => ({ rsi }));
}

/** Chaikin Accumulation/Distribution line, cumulative from the first bar (TA-Lib AD). */
export function adCore(): IndicatorCore {
  return core(0, new AD(), hlcv, (ad: number) => ({ ad }));
}
