import { describe, expect, it } from 'vitest';
import { bestModel, type RecentRecord } from './best-model';

const record = (model: string, error: number, hit: number, width = 1): RecentRecord => ({
  model,
  absErrors: new Array<number>(100).fill(error),
  hits80: Array.from({ length: 100 }, (_, i) => (i < hit * 100 ? 1 : 0)),
  widths80: new Array<number>(100).fill(width),
});

describe('bestModel', () => {
  it('keeps persistence unless a model has rolling MASE below 1 and honest coverage', () => {
    const worse = bestModel([record('persistence', 1, 0.8), record('arima', 1.02, 0.8)]);
    expect(worse.best).toBe('persistence');
    expect(worse.scores.find((s) => s.model === 'arima')!.relativeMase).toBeCloseTo(1.02, 12);
    // Equal error is not better.
    expect(bestModel([record('persistence', 1, 0.8), record('arima', 1, 0.8)]).best).toBe('persistence');
    // Lower error with intervals that undercover is not presented as better either.
    expect(bestModel([record('persistence', 1, 0.8), record('arima', 0.9, 0.6)]).best).toBe('persistence');
  });

  it('ranks the lowest rolling MASE first among models that beat persistence', () => {
    const result = bestModel([
      record('persistence', 1, 0.8),
      record('arima', 0.95, 0.8),
      record('tapewatch', 0.9, 0.82, 2),
    ]);
    expect(result.best).toBe('tapewatch');
    expect(result.scores.map((s) => s.beatsPersistence)).toEqual([false, true, true]);
  });

  it('scores only the most recent window', () => {
    const arima: RecentRecord = {
      model: 'arima',
      absErrors: [...new Array<number>(100).fill(5), ...new Array<number>(50).fill(0.5)],
      hits80: new Array<number>(150).fill(1).map((_, i) => (i % 5 === 0 ? 0 : 1)),
      widths80: new Array<number>(150).fill(1),
    };
    const persistence: RecentRecord = { ...arima, model: 'persistence', absErrors: new Array<number>(150).fill(1) };
    expect(bestModel([persistence, arima], { window: 50 }).best).toBe('arima');
    expect(bestModel([persistence, arima], { window: 150 }).best).toBe('persistence');
  });
});
