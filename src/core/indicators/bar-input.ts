import type { Candle } from '../candles/candle';

/**
 * One bar as indicators see it: plain doubles. Candles keep exact decimal text for storage and
 * display; indicator maths is floating point anyway, so the conversion happens once, here.
 * Prices are expected to be positive and `high >= low`.
 */
export interface BarInput {
  /** Bar open time, UTC epoch ms. Must increase from one committed bar to the next. */
  readonly timeMs: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** Base-asset volume. */
  readonly volume: number;
  /** Taker-buy base volume, when the source knows the aggressor side. */
  readonly buyVolume?: number;
  /** Taker-sell base volume, when the source knows the aggressor side. */
  readonly sellVolume?: number;
}

export function barFromCandle(candle: Candle): BarInput {
  return {
    timeMs: candle.openTimeMs,
    open: Number(candle.open),
    high: Number(candle.high),
    low: Number(candle.low),
    close: Number(candle.close),
    volume: Number(candle.volume),
    buyVolume: Number(candle.buyVolume),
    sellVolume: Number(candle.sellVolume),
  };
}

/**
 * Taker buy and sell volume of a bar, or null when the source gave neither. When only one side
 * is known the other is the rest of the volume (Binance klines carry only the taker-buy side).
 */
export function takerVolumes(bar: BarInput): { readonly buy: number; readonly sell: number } | null {
  const { buyVolume, sellVolume } = bar;
  if (buyVolume === undefined && sellVolume === undefined) return null;
  const buy = buyVolume ?? Math.max(0, bar.volume - (sellVolume ?? 0));
  const sell = sellVolume ?? Math.max(0, bar.volume - buy);
  return { buy, sell };
}

export function typicalPrice(bar: BarInput): number {
  return (bar.high + bar.low + bar.close) / 3;
}

export function medianPrice(bar: BarInput): number {
  return (bar.high + bar.low) / 2;
}
