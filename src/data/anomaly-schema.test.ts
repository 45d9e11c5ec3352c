import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { TapewatchDb } from './db';

/** The v3 schema as it shipped (the later versions' tables only added on top). */
function openV3(name: string): Dexie {
  const db = new Dexie(name);
  db.version(1).stores({
    candles: '[venue+symbol+timeframe+openTimeMs]',
    trades: '++seq, [venue+symbol+timeMs], timeMs',
    quotes: '++seq, [venue+symbol+timeMs], timeMs',
    gaps: '++id, [venue+symbol+fromTimeMs], state',
    instruments: '[venue+symbol], venue',
    settings: 'key',
  });
  db.version(2).stores({
    candles: '[venue+symbol+timeframe+openTimeMs], [timeframe+openTimeMs]',
    trades: '++seq, [venue+symbol+timeMs], timeMs, storedAtMs',
    evictions: '++id, atMs',
    imports: '++id, atMs',
  });
  db.version(3).stores({
    trades: '++seq, [venue+symbol+timeMs], timeMs, storedAtMs, [venue+symbol+id], &[venue+symbol+uid]',
  });
  return db;
}

describe('schema v4 (anomaly scores, model weights)', () => {
  it('opens v3 data with every row kept and the new tables empty and usable', async () => {
    const name = `v4-${Math.random()}`;
    const v3 = openV3(name);
    await v3.table('settings').put({ key: 'k', value: 1 });
    v3.close();
    const db = new TapewatchDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(4);
    expect(await db.settings.get('k')).toEqual({ key: 'k', value: 1 });
    expect(await db.anomalyScores.count()).toBe(0);
    expect(await db.modelWeights.count()).toBe(0);
    db.close();
  });
});
