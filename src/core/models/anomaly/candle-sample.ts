import type { Candle } from '../../candles/candle';
import type { BarSample } from './bar-features';

/** A `Candle` (decimal text) as the numbers the bar detector reads. */
export function barSampleFromCandle(
  candle: Candle,
  extra: { readonly spreadBps?: number; readonly referenceClose?: number } = {},
): BarSample {
  return {
    timeMs: candle.openTimeMs,
    open: Number(candle.open),
    high: Number(candle.high),
    low: Number(candle.low),
    close: Number(candle.close),
    volume: Number(candle.volume),
    trades: candle.trades,
    buyVolume: Number(candle.buyVolume),
    sellVolume: Number(candle.sellVolume),
    ...extra,
  };
}
