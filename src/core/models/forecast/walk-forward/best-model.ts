/** One model's record on recent out-of-sample bars (the same target bars for every model). */
export interface RecentRecord {
  readonly model: string;
  /** Absolute close errors, oldest first. */
  readonly absErrors: readonly number[];
  /** 1 when the target fell inside the 80 % interval, else 0. */
  readonly hits80: readonly number[];
  readonly widths80: readonly number[];
}

export interface ModelScore {
  readonly model: string;
  /** Rolling MASE against persistence: this model's MAE / persistence's MAE on the same bars. */
  readonly relativeMase: number;
  readonly coverage80: number;
  readonly width80: number;
  /** Better than persistence: relative MASE below 1 and 80 % coverage within tolerance. */
  readonly beatsPersistence: boolean;
}

export interface BestModel {
  /** The model to present as best: persistence unless another beats it. */
  readonly best: string;
  readonly scores: readonly ModelScore[];
}

export interface BestModelOptions {
  /** How many of the most recent bars count (default 500). */
  readonly window?: number;
  /** Allowed distance of 80 % coverage from 0.8 (default 0.05). */
  readonly coverageTolerance?: number;
}

const mean = (values: readonly number[]) =>
  values.length > 0 ? values.reduce((s, v) => s + v, 0) / values.length : Number.NaN;

/**
 * Which model is best on recent out-of-sample bars. A model is ranked above persistence only when
 * its rolling MASE against persistence is below 1 and its 80 % coverage is within tolerance;
 * among those the lowest MASE wins (ties: narrower interval). Otherwise persistence is best:
 * the scorer never presents a model as better than the random walk unless it is.
 */
export function bestModel(records: readonly RecentRecord[], options: BestModelOptions = {}): BestModel {
  const window = options.window ?? 500;
  const tolerance = options.coverageTolerance ?? 0.05;
  const baseline = records.find((r) => r.model === 'persistence');
  if (baseline === undefined) throw new Error('the persistence record is required as the baseline');
  const baseMae = mean(baseline.absErrors.slice(-window));
  const scores = records.map((r): ModelScore => {
    const relativeMase = mean(r.absErrors.slice(-window)) / baseMae;
    const coverage80 = mean(r.hits80.slice(-window));
    const width80 = mean(r.widths80.slice(-window));
    const beatsPersistence =
      r.model !== 'persistence' &&
      Number.isFinite(relativeMase) &&
      relativeMase < 1 &&
      Math.abs(coverage80 - 0.8) <= tolerance;
    return { model: r.model, relativeMase, coverage80, width80, beatsPersistence };
  });
  const contenders = scores
    .filter((s) => s.beatsPersistence)
    .sort((a, b) => a.relativeMase - b.relativeMase || a.width80 - b.width80);
  return { best: contenders[0]?.model ?? 'persistence', scores };
}
