import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { TapewatchDb } from './db';

/** The v1 schema exactly as it shipped; migrations are tested from real v1 data. */
function openV1(name: string): Dexie {
  const db = new Dexie(name);
  db.version(1).stores({
    candles: '[venue+symbol+timeframe+openTimeMs]',
    trades: '++seq, [venue+symbol+timeMs], timeMs',
    quotes: '++seq, [venue+symbol+timeMs], timeMs',
    gaps: '++id, [venue+symbol+fromTimeMs], state',
    instruments: '[venue+symbol], venue',
    settings: 'key',
  });
  return db;
}

/** The v2 schema exactly as it shipped (v1 plus these changes). */
function openV2(name: string): Dexie {
  const db = openV1(name);
  db.version(2).stores({
    candles: '[venue+symbol+timeframe+openTimeMs], [timeframe+openTimeMs]',
    trades: '++seq, [venue+symbol+timeMs], timeMs, storedAtMs',
    evictions: '++id, atMs',
    imports: '++id, atMs',
  });
  return db;
}

const candle = (openTimeMs: number, timeframe = '1m') => ({
  venue: 'binance-spot',
  symbol: 'BTCUSDT',
  timeframe,
  openTimeMs,
  open: '1',
  high: '2',
  low: '0.5',
  close: '1.5',
  volume: '10',
  quoteVolume: '15',
  buyVolume: '6',
  sellVolume: '4',
  trades: 7,
  vwap: 1.5,
  closed: true,
});

describe('TapewatchDb migrations', () => {
  it('upgrades v1 data to the current version without losing a row', async () => {
    const name = `migrate-${Math.random()}`;
    const v1 = openV1(name);
    await v1.table('candles').bulkPut([candle(0), candle(60_000), candle(0, '1s')]);
    await v1
      .table('trades')
      .bulkAdd([{ venue: 'binance-spot', symbol: 'BTCUSDT', id: 1, timeMs: 5, price: '1', size: '2', side: 'buy' }]);
    await v1.table('settings').put({
      key: 'app-settings',
      value: { mode: 'live', symbols: ['BTCUSDT', 'ETHUSDT'], binanceSpotWs: 'wss://x', binanceSpotRest: 'https://x' },
    });
    v1.close();

    const db = new TapewatchDb(name);
    await db.open();
    expect(db.verno).toBe(8);
    expect(await db.candles.count()).toBe(3);
    expect(await db.trades.count()).toBe(1);
    expect((await db.trades.toArray())[0]?.storedAtMs).toBe(5);
    // The new index answers retention queries across instruments.
    const fine = await db.candles
      .where('[timeframe+openTimeMs]')
      .between(['1s', -Infinity], ['1s', Infinity])
      .toArray();
    expect(fine.map((c) => c.openTimeMs)).toEqual([0]);
    const settings = await db.settings.get('app-settings');
    expect(settings?.value).toMatchObject({
      symbols: ['BTCUSDT', 'ETHUSDT'],
      instruments: ['binance-spot:BTCUSDT', 'binance-spot:ETHUSDT'],
    });
    expect(await db.evictions.count()).toBe(0);
    db.close();
  });

  it('opens a fresh database at the current version', async () => {
    const db = new TapewatchDb(`fresh-${Math.random()}`);
    await db.open();
    expect(db.verno).toBe(8);
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      [
        'candles',
        'evictions',
        'gaps',
        'imports',
        'instruments',
        'quotes',
        'settings',
        'trades',
        'anomalyScores',
        'modelWeights',
        'alertRules',
        'alertStates',
        'alertFirings',
        'newsArticles',
        'newsSentiment',
        'forecasts',
        'signals',
        'signalFeedback',
        'regimes',
      ].sort(),
    );
    db.close();
  });

  it('v3 removes duplicated raw trades and refuses new ones', async () => {
    const name = `dedup-${Math.random()}`;
    const v2 = openV2(name);
    const trade = (id: number | undefined, timeMs: number, size = '1') => ({
      venue: 'kraken',
      symbol: 'BTC/USD',
      ...(id !== undefined ? { id } : {}),
      timeMs,
      price: '100',
      size,
      side: 'buy',
      storedAtMs: timeMs,
    });
    await v2.table('trades').bulkAdd([
      trade(7, 1_000),
      trade(8, 1_001),
      // A partial commit followed by a backfill stored these again.
      trade(7, 1_000),
      trade(8, 1_001),
      trade(8, 1_001),
      // The same id at another time is another trade (an aggTrades import numbers differently).
      trade(8, 5_000),
      // Id-less venues: two equal prints in one millisecond are two trades, both kept.
      { ...trade(undefined, 2_000), venue: 'bybit-spot', symbol: 'BTCUSDT' },
      { ...trade(undefined, 2_000), venue: 'bybit-spot', symbol: 'BTCUSDT' },
      { ...trade(undefined, 2_000, '2'), venue: 'bybit-spot', symbol: 'BTCUSDT' },
    ]);
    v2.close();

    const db = new TapewatchDb(name);
    await db.open();
    const rows = await db.trades.orderBy('seq').toArray();
    expect(rows.map((r) => [r.seq, r.uid])).toEqual([
      [1, '#7'],
      [2, '#8'],
      [6, '#8@5000'],
      [7, '2000|100|1|buy|0'],
      [8, '2000|100|1|buy|1'],
      [9, '2000|100|2|buy|0'],
    ]);
    // The unique key makes a second copy impossible from now on.
    await expect(db.trades.add({ ...trade(7, 1_000), uid: '#7' })).rejects.toThrow(/constraint/i);
    expect(await db.trades.count()).toBe(6);
    db.close();
  });
});
