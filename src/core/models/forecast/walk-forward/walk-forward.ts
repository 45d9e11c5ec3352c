import type { ForecastBar, ForecastStep, Forecaster } from '../forecaster';

export interface WalkForwardOptions {
  /** Share of the bars the models are fitted on (0 < f < 1). */
  readonly trainFraction: number;
  /** Rows are produced for horizons 1..horizon. */
  readonly horizon: number;
}

/** One forecast scored against its target bar. */
export interface WalkForwardRow {
  readonly model: string;
  /** The target bar (its open time and close). */
  readonly target: ForecastBar;
  /** The close of the last bar the forecast saw (the origin, `horizon` bars before the target). */
  readonly originClose: number;
  readonly step: ForecastStep;
}

/** Where the walk-forward splits a series: the first test bar's index. */
export function trainingSize(bars: number, trainFraction: number): number {
  if (!(trainFraction > 0 && trainFraction < 1)) throw new Error('the train fraction must be in (0, 1)');
  return Math.floor(bars * trainFraction);
}

/**
 * The walk-forward protocol shared by the command line and the app: every model is fitted on the
 * first `trainFraction` of the bars; then for each later bar t, each model forecasts from the
 * bars up to t − 1 only (its close), and is shown bar t afterwards (online learning). A row for
 * horizon h targets bar t with the forecast made at the close of bar t − h; only forecasts made
 * at or after the end of training are scored. Rows come in target order, then model, then horizon.
 */
export async function walkForward(
  bars: readonly ForecastBar[],
  models: readonly Forecaster[],
  options: WalkForwardOptions,
  onRow: (row: WalkForwardRow) => void,
): Promise<{ trainBars: number; testBars: number }> {
  const train = trainingSize(bars.length, options.trainFraction);
  if (train < 2) throw new Error(`the training part has ${train} bars; at least 2 are needed`);
  if (train >= bars.length) throw new Error('no bar is left after the training part');
  const fitted = bars.slice(0, train);
  for (const model of models) await model.fit(fitted);
  const h = options.horizon;
  // made[m][k]: model m's steps made at the close of bar (t − 1 − k), newest first.
  const made: ForecastStep[][][] = models.map(() => []);
  for (let t = train; t < bars.length; t++) {
    const target = bars[t] as ForecastBar;
    models.forEach((model, m) => {
      const queue = made[m] as ForecastStep[][];
      queue.unshift(model.forecast(h));
      if (queue.length > h) queue.pop();
      for (let k = 1; k <= queue.length; k++) {
        onRow({
          model: model.name,
          target,
          originClose: (bars[t - k] as ForecastBar).close,
          step: (queue[k - 1] as ForecastStep[])[k - 1] as ForecastStep,
        });
      }
    });
    for (const model of models) model.observe(target);
  }
  return { trainBars: train, testBars: bars.length - train };
}
