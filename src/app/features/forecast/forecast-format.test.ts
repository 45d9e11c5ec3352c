import { describe, expect, it } from 'vitest';
import type { ForecastStatus, ModelReport } from '../../../core/models/forecasting/forecast-types';
import { shownModel, verdictText } from './forecast-format';

function model(name: string, verdict: ModelReport['score']['verdict'], mase: number): ModelReport {
  const score = { bars: 200, mase, coverage80: 0.8, coverage95: 0.95, width80: 1, width95: 2, verdict };
  return { name, state: 'ready', reason: null, detail: null, fit: null, perBarMs: 1, score };
}

function status(models: ModelReport[]): ForecastStatus {
  return { version: 'v', series: null, phase: 'live', message: '', progress: null, fittedBars: 0, models };
}

describe('forecast format', () => {
  it('draws persistence unless a model is significantly better; a lower MASE alone is not enough', () => {
    expect(shownModel(null)).toBe('persistence');
    expect(shownModel(status([model('persistence', 'baseline', 1), model('arima', 'no-difference', 0.9)]))).toBe(
      'persistence',
    );
    expect(shownModel(status([model('persistence', 'baseline', 1), model('arima', 'better', 0.9)]))).toBe('arima');
  });

  it('words the verdict against persistence', () => {
    expect(verdictText(model('arima', 'no-difference', 1))).toBe('not better than persistence');
    expect(verdictText(model('arima', 'better', 0.8))).toBe('better than persistence');
  });
});
