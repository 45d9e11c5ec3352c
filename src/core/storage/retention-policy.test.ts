import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION, nextPressureStep, routineSteps } from './retention-policy';

const NOW = Date.UTC(2026, 0, 10);
const H = 3_600_000;

describe('retention policy', () => {
  it('sweeps raw trades and quotes after 24 h and sub-minute bars after 7 days, never 1m', () => {
    const steps = routineSteps(NOW, DEFAULT_RETENTION);
    expect(steps).toEqual([
      { table: 'trades', beforeMs: NOW - 24 * H },
      { table: 'quotes', beforeMs: NOW - 24 * H },
      { table: 'candles', timeframe: '1s', beforeMs: NOW - 168 * H },
      { table: 'candles', timeframe: '5s', beforeMs: NOW - 168 * H },
      { table: 'candles', timeframe: '15s', beforeMs: NOW - 168 * H },
    ]);
  });

  it('under pressure evicts raw trades oldest first, then quotes, then fine bars, then stops', () => {
    expect(nextPressureStep(NOW, { trades: NOW - 10 * H, quotes: NOW - 5 * H, candles: { '1s': NOW - H } })).toEqual({
      table: 'trades',
      beforeMs: NOW - 5 * H,
    });
    expect(nextPressureStep(NOW, { quotes: NOW - 4 * H, candles: { '1s': NOW - H } })).toEqual({
      table: 'quotes',
      beforeMs: NOW - 2 * H,
    });
    expect(nextPressureStep(NOW, { candles: { '5s': NOW - 2 * H, '1s': NOW - 4 * H } })).toEqual({
      table: 'candles',
      timeframe: '1s',
      beforeMs: NOW - 2 * H,
    });
    // Only 1m and longer history is left: nothing may go.
    expect(nextPressureStep(NOW, { candles: {} })).toBeNull();
  });
});
