import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { TapewatchDb } from './db';
import { readRegimes } from './regime-store';

/** The v7 schema as it shipped: every table's last declared indexes (the full chain is in db.ts). */
function openV7(name: string): Dexie {
  const db = new Dexie(name);
  db.version(7).stores({
    candles: '[venue+symbol+timeframe+openTimeMs], [timeframe+openTimeMs]',
    trades: '++seq, [venue+symbol+timeMs], timeMs, storedAtMs, [venue+symbol+id], &[venue+symbol+uid]',
    quotes: '++seq, [venue+symbol+timeMs], timeMs',
    gaps: '++id, [venue+symbol+fromTimeMs], state',
    instruments: '[venue+symbol], venue',
    settings: 'key',
    evictions: '++id, atMs',
    imports: '++id, atMs',
    anomalyScores: '[venue+symbol+timeframe+openTimeMs+model], anomalyAtMs',
    modelWeights: 'id, kind',
    alertRules: 'id, order',
    alertStates: 'ruleId',
    alertFirings: '++seq, &dedupKey, ruleId, firedAtMs',
    newsArticles: 'id, timeMs, *symbols',
    newsSentiment: '[instrument+timeframe+openTimeMs], openTimeMs',
    forecasts: '[venue+symbol+timeframe+targetTimeMs+model+horizon], [venue+symbol+timeframe+originTimeMs]',
    signals: '[venue+symbol+timeframe+openTimeMs+model]',
    signalFeedback: 'signalId, atMs',
  });
  return db;
}

const KEY = { venue: 'binance-spot', symbol: 'BTCUSDT', timeframe: '1m' } as const;

describe('schema v8 (regimes)', () => {
  it('opens v7 data with every row kept and the regimes table empty and usable', async () => {
    const name = `v8-${Math.random()}`;
    const v7 = openV7(name);
    await v7.table('settings').put({ key: 'k', value: 1 });
    await v7.table('anomalyScores').put({
      ...KEY,
      openTimeMs: 60_000,
      model: 'bars-1',
      score: 0.2,
      parts: [],
      reason: '',
      scoredAtMs: 1,
    });
    await v7.table('signals').put({ ...KEY, openTimeMs: 60_000, model: 'signals-v1', action: 'BUY' });
    v7.close();

    const db = new TapewatchDb(name);
    await db.open();
    expect(db.verno).toBe(8);
    expect(await db.settings.get('k')).toEqual({ key: 'k', value: 1 });
    expect(await db.anomalyScores.count()).toBe(1);
    expect(await db.signals.count()).toBe(1);
    expect(await db.regimes.count()).toBe(0);
    await db.regimes.put({
      ...KEY,
      openTimeMs: 60_000,
      model: 'regimes-1',
      state: 0,
      probabilities: [0.9, 0.1],
      names: ['calm', 'volatile'],
      madeAtMs: 1,
    });
    expect((await readRegimes(db, KEY, 'regimes-1')).map((r) => r.openTimeMs)).toEqual([60_000]);
    db.close();
  });
});
