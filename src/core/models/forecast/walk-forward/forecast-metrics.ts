import type { ForecastBar } from '../forecaster';
import type { WalkForwardRow } from './walk-forward';

/** The `forecast-eval` summary of one model, field names as the command prints them. */
export interface ForecastMetrics {
  readonly mae: number;
  readonly rmse: number;
  /** MAE over the mean absolute one-bar change of the close over the training part. */
  readonly mase: number;
  /** Share of bars whose direction was called right (no call, pUp = 0.5 or a flat bar: half). */
  readonly directional_accuracy: number;
  readonly coverage80: number;
  readonly coverage95: number;
  /** Mean interval width, in price units. */
  readonly width80: number;
  readonly width95: number;
  /** Mean pinball loss of the interval ends as quantiles (0.1/0.9 and 0.025/0.975), price units. */
  readonly pinball80: number;
  readonly pinball95: number;
  /** Mean squared error of pUp against "the close rose from the origin". */
  readonly brier_up: number;
}

/** Mean absolute one-bar change of the close: the MASE scale (a naive forecast's in-sample MAE). */
export function naiveScale(training: readonly ForecastBar[]): number {
  let sum = 0;
  for (let i = 1; i < training.length; i++)
    sum += Math.abs((training[i] as ForecastBar).close - (training[i - 1] as ForecastBar).close);
  return training.length > 1 ? sum / (training.length - 1) : Number.NaN;
}

function pinball(y: number, q: number, tau: number): number {
  return y >= q ? tau * (y - q) : (1 - tau) * (q - y);
}

/** Accumulates one model's rows at one horizon (constant memory). */
export class MetricsAccumulator {
  private n = 0;
  private abs = 0;
  private sq = 0;
  private direction = 0;
  private in80 = 0;
  private in95 = 0;
  private w80 = 0;
  private w95 = 0;
  private pin80 = 0;
  private pin95 = 0;
  private brier = 0;

  add(row: WalkForwardRow): void {
    const { step, target, originClose } = row;
    const y = target.close;
    const error = step.close - y;
    this.n++;
    this.abs += Math.abs(error);
    this.sq += error * error;
    const move = Math.sign(y - originClose);
    const call = step.pUp > 0.5 ? 1 : step.pUp < 0.5 ? -1 : 0;
    this.direction += move === 0 || call === 0 ? 0.5 : move === call ? 1 : 0;
    if (y >= step.lo80 && y <= step.hi80) this.in80++;
    if (y >= step.lo95 && y <= step.hi95) this.in95++;
    this.w80 += step.hi80 - step.lo80;
    this.w95 += step.hi95 - step.lo95;
    this.pin80 += (pinball(y, step.lo80, 0.1) + pinball(y, step.hi80, 0.9)) / 2;
    this.pin95 += (pinball(y, step.lo95, 0.025) + pinball(y, step.hi95, 0.975)) / 2;
    this.brier += (step.pUp - (y > originClose ? 1 : 0)) ** 2;
  }

  get count(): number {
    return this.n;
  }

  summary(scale: number): ForecastMetrics {
    const n = this.n;
    const mae = this.abs / n;
    return {
      mae,
      rmse: Math.sqrt(this.sq / n),
      mase: mae / scale,
      directional_accuracy: this.direction / n,
      coverage80: this.in80 / n,
      coverage95: this.in95 / n,
      width80: this.w80 / n,
      width95: this.w95 / n,
      pinball80: this.pin80 / n,
      pinball95: this.pin95 / n,
      brier_up: this.brier / n,
    };
  }
}
