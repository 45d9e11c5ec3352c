import type { ForecastBar } from '../forecast/forecaster';

/** Bars of log returns in the realised-volatility window. */
export const REALISED_VOL_WINDOW = 20;
/** Floor of the realised volatility before its log (a window of unchanged closes). */
const VOL_FLOOR = 1e-6;

/**
 * The HMM's features per bar, streamed: [log return of the close, log realised volatility
 * (root mean square of the last `window` log returns)]. Null until the window is full.
 */
export class RegimeFeatures {
  private readonly squares: Float64Array;
  private previousClose: number | null = null;
  private count = 0;
  private sum = 0;

  constructor(readonly window = REALISED_VOL_WINDOW) {
    this.squares = new Float64Array(window);
  }

  observe(bar: Pick<ForecastBar, 'close'>): [number, number] | null {
    const previous = this.previousClose;
    this.previousClose = bar.close;
    if (previous === null) return null;
    const r = Math.log(bar.close / previous);
    const slot = this.count % this.window;
    this.sum += r * r - (this.squares[slot] as number);
    this.squares[slot] = r * r;
    this.count++;
    if (this.count < this.window) return null;
    // Re-add from scratch now and then so the running sum's rounding never accumulates.
    if (this.count % 4096 === 0) this.sum = this.squares.reduce((a, b) => a + b, 0);
    const rv = Math.sqrt(Math.max(this.sum, 0) / this.window);
    return [r, Math.log(Math.max(rv, VOL_FLOOR))];
  }
}

/** The features of a whole series (index i = bar i; null while warming up). */
export function regimeFeatureSeries(bars: readonly Pick<ForecastBar, 'close'>[], window = REALISED_VOL_WINDOW) {
  const features = new RegimeFeatures(window);
  return bars.map((bar) => features.observe(bar));
}
