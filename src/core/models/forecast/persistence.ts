import type { ForecastBar, ForecastStep, Forecaster } from './forecaster';
import { empiricalQuantile } from '../forecasting/quantile';
import { BarShape } from '../forecasting/bar-shape';

/** One-bar close changes kept for the interval (about eight hours of 1m bars). */
const WINDOW = 500;

/**
 * The random walk: every future close equals the last one. Its intervals are the empirical
 * quantiles of recent one-bar changes, widened by √h for h bars ahead (independent increments);
 * high and low add the recent average wick. The baseline every model must beat: `pUp` is ½.
 */
export class PersistenceForecaster implements Forecaster {
  readonly name = 'persistence';
  private last: number | null = null;
  private readonly changes: number[] = [];
  private readonly shape = new BarShape(WINDOW);

  fit(history: readonly ForecastBar[]): void {
    this.last = null;
    this.changes.length = 0;
    this.shape.clear();
    for (const bar of history) this.observe(bar);
  }

  observe(bar: ForecastBar): void {
    if (this.last !== null) {
      this.changes.push(bar.close - this.last);
      if (this.changes.length > WINDOW) this.changes.shift();
    }
    this.shape.observe(bar);
    this.last = bar.close;
  }

  forecast(horizon: number): ForecastStep[] {
    const last = this.last;
    if (last === null || this.changes.length < 2) throw new Error('persistence needs at least 3 bars');
    const sorted = [...this.changes].sort((a, b) => a - b);
    const q = (p: number) => empiricalQuantile(sorted, p);
    const [l80, h80, l95, h95] = [q(0.1), q(0.9), q(0.025), q(0.975)];
    const steps: ForecastStep[] = [];
    for (let h = 1; h <= horizon; h++) {
      const s = Math.sqrt(h);
      steps.push({
        horizon: h,
        close: last,
        ...this.shape.wicks(last),
        lo80: last + l80 * s,
        hi80: last + h80 * s,
        lo95: last + l95 * s,
        hi95: last + h95 * s,
        pUp: 0.5,
      });
    }
    return steps;
  }

  dispose(): void {
    this.changes.length = 0;
  }
}
