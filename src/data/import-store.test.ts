import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../core/candles/candle';
import { parseImport } from '../core/import/parse-import';
import { TapewatchDb } from './db';
import { commitImport, discardStaged, stageTrades, stagingStamp } from './import-store';
import { TradeSequencer } from './trade-key';

const t0 = Date.UTC(2025, 2, 2, 0, 0);
/** 30 minutes of trades, one every 10 s, from 00:00:05. */
const file = Array.from(
  { length: 180 },
  (_, i) => `${i + 1},100.5,0.5,50.25,${t0 + 5_000 + i * 10_000},false,true`,
).join('\n');

const stored = (openTimeMs: number, closed: boolean): Candle => ({
  venue: 'binance-spot',
  symbol: 'BTCUSDT',
  timeframe: '1m',
  openTimeMs,
  open: '1',
  high: '1',
  low: '1',
  close: '1',
  volume: '9',
  quoteVolume: '9',
  buyVolume: '9',
  sellVolume: '0',
  trades: 99,
  vwap: 1,
  closed,
});

describe('an import next to stored bars', () => {
  it('replaces closed bars it holds completely, keeps the forming live bar and the partly covered edges', async () => {
    const db = new TapewatchDb(`import-${Math.random()}`);
    const first = stored(t0, true); // the file starts 5 s into this minute: partly covered
    const inside = stored(t0 + 10 * 60_000, true); // wholly inside the file
    const forming = stored(t0 + 20 * 60_000, false); // the live feed's forming bar
    await db.candles.bulkPut([first, inside, forming]);
    const result = await parseImport(file, {
      format: 'binance-trades',
      venue: 'binance-spot',
      symbol: 'BTCUSDT',
      skipBadRows: false,
    });
    const summary = await commitImport(db, 'f.csv', result, { venue: 'binance-spot', symbol: 'BTCUSDT' }, 0, t0);
    const get = (c: Candle) => db.candles.get([c.venue, c.symbol, c.timeframe, c.openTimeMs]);
    expect((await get(first))?.trades).toBe(99);
    expect((await get(inside))?.trades).toBe(6);
    expect((await get(forming))?.trades).toBe(99);
    expect(summary.keptBars).toBeGreaterThanOrEqual(2);
    expect(await db.imports.count()).toBe(1);
    db.close();
  });

  it('removes the staged raw trades of a failed import', async () => {
    const db = new TapewatchDb(`stage-${Math.random()}`);
    await db.trades.add({
      venue: 'binance-spot',
      symbol: 'BTCUSDT',
      id: 1,
      timeMs: t0,
      price: '1',
      size: '1',
      side: 'buy',
      storedAtMs: t0,
    });
    const stamp = stagingStamp(t0);
    await stageTrades(
      db,
      [{ venue: 'binance-spot', symbol: 'BTCUSDT', id: 2, timeMs: t0 + 1, price: '1', size: '1', side: 'buy' }],
      stamp,
      new TradeSequencer(),
    );
    expect(await db.trades.count()).toBe(2);
    await discardStaged(db, stamp);
    expect((await db.trades.toArray()).map((t) => t.id)).toEqual([1]);
    db.close();
  });
});
