import type { Stage } from './stage';

/**
 * How an exponential average gets its first value.
 * - `sma`: the simple mean of the first `period` inputs, first output on input `period` (TA-Lib's
 *   EMA, also what most charting packages do). Used by every EMA-based indicator here unless
 *   its documentation says otherwise.
 * - `first`: the first input itself, output from the first input on (TA-Lib's ADOSC).
 */
export type ExponentialSeed = 'sma' | 'first';

/**
 * Exponential moving average stage. `alpha` defaults to 2/(period+1) (EMA); pass 1/period for
 * Wilder's smoothing (RMA/SMMA, used by RSI, ATR and ADX).
 */
export class ExponentialAverage implements Stage {
  private count = 0;
  private seedSum = 0;
  private value = 0;

  constructor(
    readonly period: number,
    private readonly alpha = 2 / (period + 1),
    private readonly seed: ExponentialSeed = 'sma',
  ) {
    if (!Number.isInteger(period) || period < 1)
      throw new RangeError(`period must be a positive integer, got ${period}`);
  }

  /** Inputs that yield null before the first value. */
  get warmup(): number {
    return this.seed === 'sma' ? this.period - 1 : 0;
  }

  update(x: number, commit: boolean): number | null {
    const count = this.count + 1;
    let seedSum = this.seedSum;
    let value: number | null;
    if (this.seed === 'first' && count === 1) value = x;
    else if (this.seed === 'sma' && count <= this.period) {
      seedSum += x;
      value = count === this.period ? seedSum / this.period : null;
    } else value = (x - this.value) * this.alpha + this.value;
    if (commit) {
      // Past the seed only `value` matters; stop counting so the counter never grows unbounded.
      this.count = Math.min(count, this.period + 1);
      this.seedSum = seedSum;
      if (value !== null) this.value = value;
    }
    return value;
  }
}
