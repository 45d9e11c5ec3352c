import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { TapewatchDb, type StoredAnomalyScore } from './db';
import { lastScoredBar, putAnomalyScores, readAnomalyScores, recentAnomalies } from './anomaly-score-store';

const KEY = { venue: 'binance-spot', symbol: 'BTCUSDT', timeframe: '1m' } as const;

function row(openTimeMs: number, score: number, over: Partial<StoredAnomalyScore> = {}): StoredAnomalyScore {
  return {
    ...KEY,
    openTimeMs,
    model: 'm1',
    score,
    parts: [{ name: 'ewma', score }],
    reason: `score ${score}`,
    scoredAtMs: openTimeMs + 60_000,
    ...(score >= 0.9 ? { anomalyAtMs: openTimeMs } : {}),
    ...over,
  };
}

describe('anomaly score store', () => {
  it('keys scores to bar and model version: a rescore replaces, another version is kept apart', async () => {
    const db = new TapewatchDb(`scores-${Math.random()}`);
    await putAnomalyScores(db, [row(0, 0.1), row(60_000, 0.2), row(120_000, 0.95)]);
    await putAnomalyScores(db, [row(60_000, 0.3)]);
    await putAnomalyScores(db, [row(60_000, 0.99, { model: 'm2' })]);
    const m1 = await readAnomalyScores(db, KEY, 'm1');
    expect(m1.map((r) => [r.openTimeMs, r.score])).toEqual([
      [0, 0.1],
      [60_000, 0.3],
      [120_000, 0.95],
    ]);
    expect((await readAnomalyScores(db, KEY, 'm2')).map((r) => r.score)).toEqual([0.99]);
    expect((await readAnomalyScores(db, KEY, 'm1', 60_000, 60_000)).map((r) => r.openTimeMs)).toEqual([60_000]);
    expect(await lastScoredBar(db, KEY, 'm1')).toBe(120_000);
    expect(await lastScoredBar(db, { ...KEY, symbol: 'ETHUSDT' }, 'm1')).toBeNull();
    db.close();
  });

  it('lists recent anomalies newest first across instruments, filtered by version, timeframe and watch list', async () => {
    const db = new TapewatchDb(`scores-${Math.random()}`);
    await putAnomalyScores(db, [
      row(0, 0.95),
      row(60_000, 0.5),
      row(120_000, 0.97, { symbol: 'ETHUSDT' }),
      row(180_000, 0.92, { timeframe: '5m' }),
      row(240_000, 0.93, { model: 'old' }),
      row(300_000, 0.99, { venue: 'kraken', symbol: 'BTC/USD' }),
    ]);
    const all = await recentAnomalies(db, 'm1', '1m', [], 10);
    expect(all.map((r) => `${r.symbol}@${r.openTimeMs}`)).toEqual(['BTC/USD@300000', 'ETHUSDT@120000', 'BTCUSDT@0']);
    const watched = await recentAnomalies(db, 'm1', '1m', ['binance-spot:BTCUSDT', 'binance-spot:ETHUSDT'], 1);
    expect(watched.map((r) => r.symbol)).toEqual(['ETHUSDT']);
    db.close();
  });
});
