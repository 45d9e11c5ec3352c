/**
 * Watches the learned part's error z-scores on live bars against the training distribution
 * (mean 0, sd 1 by construction of the calibration). When the mean of the last `window` z-scores
 * moves beyond `limit` (the market's texture changed: a new volatility regime), the model is due
 * for retraining. Scores are drift's symptom; the z of the error is its cleanest measure.
 */
export class DriftMonitor {
  private readonly zs: number[] = [];
  private sum = 0;

  constructor(
    private readonly window = 300,
    private readonly limit = 1,
  ) {}

  add(z: number): void {
    if (!Number.isFinite(z)) return;
    // Clipped: one shock must not read as drift by itself.
    const c = Math.max(-6, Math.min(6, z));
    this.zs.push(c);
    this.sum += c;
    if (this.zs.length > this.window) this.sum -= this.zs.shift() as number;
  }

  /** Mean z of the window, or null while it is filling. */
  get shift(): number | null {
    return this.zs.length < this.window ? null : this.sum / this.zs.length;
  }

  get drifted(): boolean {
    const s = this.shift;
    return s !== null && Math.abs(s) > this.limit;
  }

  reset(): void {
    this.zs.length = 0;
    this.sum = 0;
  }
}
