/**
 * A bar as the market detector sees it: plain numbers (the caller converts a `Candle`'s decimal
 * text; see `barSampleFromCandle`). Optional fields switch their feature on when present.
 */
export interface BarSample {
  readonly timeMs: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly trades: number;
  /** Taker-buy and taker-sell base volume; both are needed for the trade imbalance. */
  readonly buyVolume?: number;
  readonly sellVolume?: number;
  /** Quoted spread in basis points at the bar's close. */
  readonly spreadBps?: number;
  /** The same instrument's close on a second venue, for cross-venue divergence. */
  readonly referenceClose?: number;
}

export const BAR_FEATURES = [
  'log return',
  'range',
  'volume',
  'trade count',
  'spread',
  'trade imbalance',
  'venue divergence',
] as const;
export type BarFeature = (typeof BAR_FEATURES)[number];

/**
 * The feature values of `bar` given the previous closed bar (null for the first). A feature that
 * cannot be formed (no previous close, no spread quoted) is NaN and is skipped, not learnt.
 * Volume and trade count enter as log(1 + x) so that their robust z-scores are on a sane scale.
 */
export function barFeatures(bar: BarSample, previous: BarSample | null): Record<BarFeature, number> {
  const positive = (x: number) => Number.isFinite(x) && x > 0;
  const ret = previous && positive(previous.close) && positive(bar.close) ? Math.log(bar.close / previous.close) : NaN;
  const range = positive(bar.low) && positive(bar.high) ? Math.log(bar.high / bar.low) : NaN;
  const sided = (bar.buyVolume ?? NaN) + (bar.sellVolume ?? NaN);
  const imbalance = sided > 0 ? ((bar.buyVolume as number) - (bar.sellVolume as number)) / sided : NaN;
  const divergence =
    bar.referenceClose !== undefined && positive(bar.referenceClose) && positive(bar.close)
      ? Math.log(bar.close / bar.referenceClose)
      : NaN;
  return {
    'log return': ret,
    range,
    volume: bar.volume >= 0 ? Math.log1p(bar.volume) : NaN,
    'trade count': bar.trades >= 0 ? Math.log1p(bar.trades) : NaN,
    spread: bar.spreadBps ?? NaN,
    'trade imbalance': imbalance,
    'venue divergence': divergence,
  };
}
