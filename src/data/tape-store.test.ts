import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Trade } from '../core/exchange/types';
import { TapewatchDb } from './db';
import { TapeWriter } from './tape-store';

const T0 = Date.UTC(2026, 5, 1);
const trade = (id: number | undefined, timeMs: number, venue: Trade['venue'] = 'binance-spot'): Trade => ({
  venue,
  symbol: 'BTCUSDT',
  ...(id !== undefined ? { id } : {}),
  timeMs,
  price: '100',
  size: '0.5',
  side: 'buy',
});

describe('TapeWriter raw trades', () => {
  it('stores a trade once when it is delivered again after it was committed', async () => {
    const db = new TapewatchDb(`tape-${Math.random()}`);
    const writer = new TapeWriter(db, async () => undefined);
    for (const id of [1, 2, 3]) writer.putTrade(trade(id, T0 + id));
    await writer.flush();
    // A resume from bars older than the raw trades re-delivers 2 and 3 (backfill), then 4 is new.
    for (const id of [2, 3, 4]) writer.putTrade(trade(id, T0 + id));
    await writer.flush();
    const rows = await db.trades.orderBy('seq').toArray();
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4]);
    expect(writer.lastError).toBeNull();
    db.close();
  });

  it('keeps equal id-less prints as separate trades, across batches', async () => {
    const db = new TapewatchDb(`tape-${Math.random()}`);
    const writer = new TapeWriter(db, async () => undefined);
    writer.putTrade(trade(undefined, T0, 'bybit-spot'));
    await writer.flush();
    writer.putTrade(trade(undefined, T0, 'bybit-spot'));
    await writer.flush();
    const rows = await db.trades.toArray();
    expect(rows.map((r) => r.uid)).toEqual([`${T0}|100|0.5|buy|0`, `${T0}|100|0.5|buy|1`]);
    db.close();
  });
});
