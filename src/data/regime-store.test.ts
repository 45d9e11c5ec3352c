import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { TapewatchDb } from './db';
import type { StoredRegime } from './forecast-types';
import { putRegimes, readRegimes, recentRegimes } from './regime-store';

const KEY = { venue: 'binance-spot', symbol: 'BTCUSDT', timeframe: '1m' } as const;
const BAR = 60_000;

function row(bar: number, over: Partial<StoredRegime> = {}): StoredRegime {
  return {
    ...KEY,
    openTimeMs: bar * BAR,
    model: 'regimes-1',
    state: 0,
    probabilities: [0.7, 0.3],
    names: ['calm', 'volatile'],
    madeAtMs: 1,
    ...over,
  };
}

describe('regime store', () => {
  it('reads a series range of one version, oldest first; other versions, series and timeframes stay apart', async () => {
    const db = new TapewatchDb(`regimes-${Math.random()}`);
    await putRegimes(db, [
      row(3),
      row(1),
      row(2),
      row(2, { model: 'regimes-0' }),
      row(2, { symbol: 'ETHUSDT' }),
      row(2, { timeframe: '5m' }),
    ]);
    expect((await readRegimes(db, KEY, 'regimes-1')).map((r) => r.openTimeMs / BAR)).toEqual([1, 2, 3]);
    expect((await readRegimes(db, KEY, 'regimes-1', 2 * BAR, 3 * BAR)).map((r) => r.openTimeMs / BAR)).toEqual([2, 3]);
    expect((await readRegimes(db, KEY, 'regimes-0')).map((r) => r.openTimeMs / BAR)).toEqual([2]);
    expect(await readRegimes(db, { ...KEY, symbol: 'SOLUSDT' }, 'regimes-1')).toEqual([]);
    db.close();
  });

  it('replaces a bar restated by a refit', async () => {
    const db = new TapewatchDb(`regimes-${Math.random()}`);
    await putRegimes(db, [row(1)]);
    await putRegimes(db, [row(1, { state: 1, probabilities: [0.1, 0.9], madeAtMs: 2 })]);
    const rows = await readRegimes(db, KEY, 'regimes-1');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: 1, probabilities: [0.1, 0.9], madeAtMs: 2 });
    db.close();
  });

  it('reads the newest rows of a series at one version, oldest first', async () => {
    const db = new TapewatchDb(`regimes-${Math.random()}`);
    await putRegimes(
      db,
      [1, 2, 3, 4, 5].map((b) => row(b)),
    );
    await putRegimes(db, [row(6, { model: 'regimes-0' }), row(7, { symbol: 'ETHUSDT' })]);
    expect((await recentRegimes(db, KEY, 'regimes-1', 3)).map((r) => r.openTimeMs / BAR)).toEqual([3, 4, 5]);
    expect((await recentRegimes(db, KEY, 'regimes-1', 10)).map((r) => r.openTimeMs / BAR)).toEqual([1, 2, 3, 4, 5]);
    expect(await recentRegimes(db, { ...KEY, timeframe: '5m' }, 'regimes-1', 3)).toEqual([]);
    await putRegimes(db, []);
    db.close();
  });
});
