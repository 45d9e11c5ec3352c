import { describe, expect, it } from 'vitest';
import type { StoredGap } from '../../data/db';
import { backfillNote, rangeText } from './backfill-note';

const T = Date.UTC(2026, 11, 2, 1, 20, 5);

describe('backfillNote', () => {
  it('says what a reconnect filled per instrument, with trade counts, and what it could not', () => {
    const gaps: StoredGap[] = [
      {
        venue: 'binance-spot',
        symbol: 'BTCUSDT',
        fromTimeMs: T,
        toTimeMs: T + 65_000,
        fromTradeId: 101,
        toTradeId: 500,
        state: 'backfilled',
      },
      {
        venue: 'binance-spot',
        symbol: 'BTCUSDT',
        fromTimeMs: T + 70_000,
        toTimeMs: T + 80_000,
        fromTradeId: 600,
        toTradeId: 611,
        state: 'backfilled',
      },
      { venue: 'bybit-spot', symbol: 'BTCUSDT', fromTimeMs: T, toTimeMs: T + 5_000, state: 'unfillable' },
      { venue: 'kraken', symbol: 'BTC/USD', fromTimeMs: T, toTimeMs: T + 5_000, state: 'pending' },
    ];
    expect(backfillNote(gaps)).toEqual([
      'binance-spot:BTCUSDT: filled 01:20:05–01:21:10 UTC, 01:21:15–01:21:25 UTC (412 trades)',
      'bybit-spot:BTCUSDT: could not fill 01:20:05–01:20:10 UTC',
    ]);
  });

  it('is empty when nothing was missing', () => {
    expect(backfillNote([])).toEqual([]);
  });

  it('names both days when a range crosses midnight', () => {
    expect(rangeText(Date.UTC(2026, 0, 1, 23, 59), Date.UTC(2026, 0, 2, 0, 1))).toBe(
      '2026-01-01 23:59:00 – 2026-01-02 00:01:00 UTC',
    );
  });
});
