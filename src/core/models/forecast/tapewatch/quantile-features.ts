/** Lagged returns the model sees, in units of the current volatility. */
export const LAGS = 10;
/** Inputs: LAGS standardised returns, log(short / long volatility), the last bar's range / volatility. */
export const INPUT_SIZE = LAGS + 2;
/** The quantile levels of the outputs, per horizon. */
export const QUANTILES = [0.025, 0.1, 0.5, 0.9, 0.975] as const;
export const HORIZONS = 10;
export const OUTPUT_SIZE = HORIZONS * QUANTILES.length;

const SHORT_DECAY = 0.97;
const LONG_DECAY = 0.999;

/**
 * Causal features of the tapewatch model, updated one bar at a time: an EWMA volatility σ (the
 * unit everything is measured in), a slow one (so the model sees whether volatility is high for
 * the series), the last LAGS log returns and the last bar's high−low range.
 */
export class QuantileFeatures {
  private short = Number.NaN;
  private long = Number.NaN;
  private readonly returns: number[] = [];
  private range = 0;
  private lastClose = Number.NaN;

  reset(): void {
    this.short = Number.NaN;
    this.long = Number.NaN;
    this.returns.length = 0;
    this.range = 0;
    this.lastClose = Number.NaN;
  }

  /** Feeds one bar; returns its log return (NaN for the first bar). */
  push(high: number, low: number, close: number): number {
    const r = Number.isFinite(this.lastClose) ? Math.log(close / this.lastClose) : Number.NaN;
    this.lastClose = close;
    this.range = Math.log(high / low);
    if (!Number.isFinite(r)) return r;
    const square = Math.max(r * r, 1e-16);
    this.short = Number.isFinite(this.short) ? SHORT_DECAY * this.short + (1 - SHORT_DECAY) * square : square;
    this.long = Number.isFinite(this.long) ? LONG_DECAY * this.long + (1 - LONG_DECAY) * square : square;
    this.returns.push(r);
    if (this.returns.length > LAGS) this.returns.shift();
    return r;
  }

  get ready(): boolean {
    return this.returns.length === LAGS;
  }

  /** σ: the current EWMA volatility of one bar. */
  get sigma(): number {
    return Math.sqrt(this.short);
  }

  /** Writes the inputs at `offset` (newest return first). */
  write(into: Float32Array, offset: number): void {
    const sigma = this.sigma;
    for (let k = 0; k < LAGS; k++) {
      const z = (this.returns[this.returns.length - 1 - k] as number) / sigma;
      into[offset + k] = Math.max(-8, Math.min(8, z));
    }
    into[offset + LAGS] = 0.5 * Math.log(this.short / this.long);
    into[offset + LAGS + 1] = Math.min(8, this.range / sigma);
  }
}
