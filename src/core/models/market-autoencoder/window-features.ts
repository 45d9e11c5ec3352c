import type { BarSample } from '../anomaly/bar-features';

/** Features per bar the autoencoder sees: the shape of the bar and of its activity. */
export const BAR_SHAPE_FEATURES = ['log return', 'range', 'body', 'log volume', 'log trades', 'imbalance'] as const;
/** Bars in one window: the newest bar and the ones before it. */
export const WINDOW_BARS = 8;
export const INPUT_SIZE = BAR_SHAPE_FEATURES.length * WINDOW_BARS;

/** One bar's shape features given the previous close (NaN-free: missing parts are 0). */
export function shapeOf(bar: BarSample, previousClose: number | null): number[] {
  const ok = (x: number) => Number.isFinite(x) && x > 0;
  const ret = previousClose !== null && ok(previousClose) && ok(bar.close) ? Math.log(bar.close / previousClose) : 0;
  const range = ok(bar.high) && ok(bar.low) ? Math.log(bar.high / bar.low) : 0;
  const body = ok(bar.open) && ok(bar.close) ? Math.log(bar.close / bar.open) : 0;
  const sided = (bar.buyVolume ?? 0) + (bar.sellVolume ?? 0);
  const imbalance = sided > 0 ? ((bar.buyVolume ?? 0) - (bar.sellVolume ?? 0)) / sided : 0;
  return [ret, range, body, Math.log1p(Math.max(0, bar.volume)), Math.log1p(Math.max(0, bar.trades)), imbalance];
}

/**
 * Causal windows over closed bars: `push` a closed bar, `window()` is the last WINDOW_BARS bars'
 * features (oldest first), `withForming(bar)` the same with a forming bar in the newest slot.
 */
export class FeatureWindow {
  private readonly rows: number[][] = [];
  private lastClose: number | null = null;

  push(bar: BarSample): void {
    this.rows.push(shapeOf(bar, this.lastClose));
    if (this.rows.length > WINDOW_BARS) this.rows.shift();
    this.lastClose = bar.close;
  }

  get full(): boolean {
    return this.rows.length === WINDOW_BARS;
  }

  /** The window ending at the newest closed bar, or null while shorter than WINDOW_BARS. */
  window(): Float64Array | null {
    return this.full ? flatten(this.rows) : null;
  }

  /** The window ending at `bar` (not yet closed), or null while too short. */
  withForming(bar: BarSample): Float64Array | null {
    if (this.rows.length < WINDOW_BARS - 1) return null;
    return flatten([...this.rows.slice(-(WINDOW_BARS - 1)), shapeOf(bar, this.lastClose)]);
  }
}

function flatten(rows: readonly number[][]): Float64Array {
  const out = new Float64Array(INPUT_SIZE);
  rows.forEach((r, i) => out.set(r, i * BAR_SHAPE_FEATURES.length));
  return out;
}

/** Every window of a closed-bar history, oldest first (training data). */
export function windowsOf(bars: readonly BarSample[]): Float64Array[] {
  const w = new FeatureWindow();
  const out: Float64Array[] = [];
  for (const b of bars) {
    w.push(b);
    const x = w.window();
    if (x !== null) out.push(x);
  }
  return out;
}
