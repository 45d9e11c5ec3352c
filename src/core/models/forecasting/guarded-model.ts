import type { ForecastBar, ForecastStep, Forecaster } from '../forecast/forecaster';

export type ModelRunState = 'fitting' | 'ready' | 'off';

/** Time limits: a model past them is switched off (the baselines keep forecasting). */
export interface ModelBudget {
  readonly fitMs: number;
  /** Average of observe + forecast per bar over the last `averageOver` bars. */
  readonly perBarMs: number;
  readonly averageOver: number;
}

export const DEFAULT_BUDGET: ModelBudget = { fitMs: 20_000, perBarMs: 100, averageOver: 20 };

/**
 * A forecaster behind a guard: a throw, a non-finite number or a blown time budget switches it
 * off with the reason, and it is never called again until refitted.
 */
export class GuardedModel {
  state: ModelRunState = 'fitting';
  reason: string | null = null;
  /** Average observe + forecast time of recent bars, ms. */
  perBarMs: number | null = null;
  private readonly times: number[] = [];

  constructor(
    readonly forecaster: Forecaster,
    private readonly now: () => number,
    private readonly budget: ModelBudget = DEFAULT_BUDGET,
  ) {}

  get name(): string {
    return this.forecaster.name;
  }

  async fit(history: readonly ForecastBar[]): Promise<void> {
    this.state = 'fitting';
    this.reason = null;
    this.times.length = 0;
    const start = this.now();
    try {
      await this.forecaster.fit(history);
    } catch (error) {
      return this.off(`fitting failed: ${message(error)}`);
    }
    const took = this.now() - start;
    if (took > this.budget.fitMs)
      return this.off(`fitting took ${Math.round(took)} ms (budget ${this.budget.fitMs} ms)`);
    this.state = 'ready';
  }

  /** Shows the model a closed bar, then returns its forecast (null when it is off). */
  step(bar: ForecastBar | null, horizon: number): ForecastStep[] | null {
    if (this.state !== 'ready') return null;
    const start = this.now();
    let steps: ForecastStep[];
    try {
      if (bar !== null) this.forecaster.observe(bar);
      steps = this.forecaster.forecast(horizon);
    } catch (error) {
      this.off(`failed: ${message(error)}`);
      return null;
    }
    const bad = steps.find((s) => !finiteStep(s));
    if (bad !== undefined || steps.length !== horizon) {
      this.off(
        bad === undefined
          ? `returned ${steps.length} steps, not ${horizon}`
          : `returned NaN or Infinity (${bad.horizon} bars ahead)`,
      );
      return null;
    }
    this.time(this.now() - start);
    return this.state === 'ready' ? steps : null;
  }

  dispose(): void {
    this.forecaster.dispose();
  }

  private time(ms: number): void {
    this.times.push(ms);
    if (this.times.length > this.budget.averageOver) this.times.shift();
    this.perBarMs = this.times.reduce((s, x) => s + x, 0) / this.times.length;
    if (this.times.length >= this.budget.averageOver && this.perBarMs > this.budget.perBarMs) {
      this.off(`took ${this.perBarMs.toFixed(0)} ms per bar (budget ${this.budget.perBarMs} ms)`);
    }
  }

  private off(reason: string): void {
    this.state = 'off';
    this.reason = reason;
  }
}

function finiteStep(s: ForecastStep): boolean {
  return [s.close, s.high, s.low, s.lo80, s.hi80, s.lo95, s.hi95, s.pUp].every(Number.isFinite);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
