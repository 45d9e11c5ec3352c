import { describe, expect, it } from 'vitest';
import type { RegimeUpdate } from '../core/models/forecasting/forecast-types';
import { regimesOfStored, toStoredRegimes } from './regime-rows';

const SERIES = { venue: 'binance-spot', symbol: 'BTCUSDT', timeframe: '1m' } as const;

const update = (names: string[], rows: RegimeUpdate['rows']): RegimeUpdate => ({ ...SERIES, names, rows, reset: true });

describe('regime rows', () => {
  it('stores each row with its fit’s names and reads them back as the same states', () => {
    const rows = [
      { openTimeMs: 0, state: 0, probabilities: [0.9, 0.1] },
      { openTimeMs: 60_000, state: 1, probabilities: [0.4, 0.6] },
    ];
    const stored = toStoredRegimes(update(['calm', 'volatile'], rows), 5, 'regimes-1');
    expect(stored[1]).toEqual({
      ...SERIES,
      openTimeMs: 60_000,
      model: 'regimes-1',
      state: 1,
      probabilities: [0.4, 0.6],
      names: ['calm', 'volatile'],
      madeAtMs: 5,
    });
    expect(regimesOfStored(stored)).toEqual({ names: ['calm', 'volatile'], rows });
  });

  it('stores nothing of a failed fit (no states)', () => {
    expect(toStoredRegimes(update([], []), 5, 'regimes-1')).toEqual([]);
  });

  it('reads rows of fits that ordered the states differently under the newest fit’s names', () => {
    const older = toStoredRegimes(
      update(['volatile', 'calm'], [{ openTimeMs: 0, state: 1, probabilities: [0.2, 0.8] }]),
      1,
      'regimes-1',
    );
    const other = toStoredRegimes(
      update(['calm', 'moderate', 'volatile'], [{ openTimeMs: 30_000, state: 0, probabilities: [1, 0, 0] }]),
      1,
      'regimes-1',
    );
    const newer = toStoredRegimes(
      update(['calm', 'volatile'], [{ openTimeMs: 60_000, state: 0, probabilities: [0.7, 0.3] }]),
      2,
      'regimes-1',
    );
    expect(regimesOfStored([...older, ...other, ...newer])).toEqual({
      names: ['calm', 'volatile'],
      rows: [
        { openTimeMs: 0, state: 0, probabilities: [0.8, 0.2] },
        { openTimeMs: 60_000, state: 0, probabilities: [0.7, 0.3] },
      ],
    });
    expect(regimesOfStored([])).toEqual({ names: [], rows: [] });
  });
});
