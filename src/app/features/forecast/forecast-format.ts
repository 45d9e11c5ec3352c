import type { ForecastStatus, ModelReport } from '../../../core/models/forecasting/forecast-types';

/** The model drawn on the chart: one the scorer finds better than persistence, else persistence. */
export function shownModel(status: ForecastStatus | null): string {
  const better = status?.models.filter((m) => m.state === 'ready' && m.score.verdict === 'better') ?? [];
  better.sort((a, b) => (a.score.mase ?? Infinity) - (b.score.mase ?? Infinity));
  return better[0]?.name ?? 'persistence';
}

/** The comparison with persistence in words (never "better" unless the test says so). */
export function verdictText(m: ModelReport): string {
  switch (m.score.verdict) {
    case 'baseline':
      return 'baseline';
    case 'better':
      return 'better than persistence';
    case 'worse':
      return 'worse than persistence';
    case 'no-difference':
      return 'not better than persistence';
    case 'too-few-bars':
      return `too few bars to compare (${m.score.bars})`;
  }
}

export function percent(x: number | null): string {
  return x === null ? '–' : `${(x * 100).toFixed(0)} %`;
}

export function fixed(x: number | null, digits: number): string {
  return x === null ? '–' : x.toFixed(digits);
}
