import type { ForecastBar } from '../forecast/forecaster';

/**
 * How far a bar's high and low recently were from its close, on average, so a close forecast
 * becomes a predicted candle: high = close + mean(high − close), low = close − mean(close − low).
 */
export class BarShape {
  private readonly ups: number[] = [];
  private readonly downs: number[] = [];
  private upSum = 0;
  private downSum = 0;

  constructor(private readonly window: number) {}

  clear(): void {
    this.ups.length = 0;
    this.downs.length = 0;
    this.upSum = 0;
    this.downSum = 0;
  }

  observe(bar: ForecastBar): void {
    const up = bar.high - bar.close;
    const down = bar.close - bar.low;
    this.ups.push(up);
    this.downs.push(down);
    this.upSum += up;
    this.downSum += down;
    if (this.ups.length > this.window) {
      this.upSum -= this.ups.shift() as number;
      this.downSum -= this.downs.shift() as number;
    }
  }

  /** High and low around a forecast close (the average distance of high and low from the close). */
  wicks(close: number): { high: number; low: number } {
    const n = this.ups.length;
    if (n === 0) return { high: close, low: close };
    return { high: close + this.upSum / n, low: close - this.downSum / n };
  }
}
