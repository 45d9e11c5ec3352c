/**
 * Cumulative volume delta: running sum of (taker-buy − taker-sell) volume per bar. `add` commits a
 * closed bar's delta, `replace` shows the total with the forming bar's delta without committing.
 * Works on candles too: delta = buyVolume − sellVolume.
 */
export class Cvd {
  private total = 0;

  add(delta: number): number {
    this.total += delta;
    return this.total;
  }

  replace(delta: number): number {
    return this.total + delta;
  }
}
