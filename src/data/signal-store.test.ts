import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { TapewatchDb } from './db';
import type { StoredSignal } from './forecast-types';
import {
  addReplayedSignals,
  putSignalFeedback,
  putSignals,
  readSignalFeedback,
  readSignals,
  signalId,
  toStoredSignal,
} from './signal-store';

const KEY = { venue: 'binance-spot', symbol: 'BTCUSDT', timeframe: '1m' } as const;

function signal(openTimeMs: number, over: Partial<StoredSignal> = {}): StoredSignal {
  return {
    ...KEY,
    openTimeMs,
    model: 's1',
    action: 'BUY',
    confidence: 0.6,
    entry: 100,
    stop: 98,
    target: 104,
    riskReward: 2,
    expectedValue: 0.8,
    kelly: 0.1,
    horizon: 20,
    evidence: [{ input: 'forecast:arima', weight: 0.4, detail: 'close forecast above entry' }],
    madeAtMs: openTimeMs + 60_000,
    ...over,
  };
}

describe('signal store', () => {
  it('keys signals to bar and version: a bar signalled again is replaced, another version kept apart', async () => {
    const db = new TapewatchDb(`signals-${Math.random()}`);
    await putSignals(db, [signal(0), signal(60_000), signal(120_000, { action: 'SELL' })]);
    await putSignals(db, [signal(60_000, { action: 'HOLD' }), signal(60_000, { model: 's2' })]);
    const s1 = await readSignals(db, KEY, 's1');
    expect(s1.map((s) => [s.openTimeMs, s.action])).toEqual([
      [0, 'BUY'],
      [60_000, 'HOLD'],
      [120_000, 'SELL'],
    ]);
    expect((await readSignals(db, KEY, 's1', 60_000)).map((s) => s.openTimeMs)).toEqual([60_000, 120_000]);
    expect((await readSignals(db, KEY, 's2')).length).toBe(1);
    expect(s1[0]?.evidence[0]?.input).toBe('forecast:arima');
    db.close();
  });

  it('stores feedback per signal; the latest verdict wins; signals without one are absent', async () => {
    const db = new TapewatchDb(`signals-${Math.random()}`);
    const a = signalId(signal(0));
    const b = signalId(signal(60_000));
    await putSignalFeedback(db, { signalId: a, useful: true, atMs: 1 });
    await putSignalFeedback(db, { signalId: a, useful: false, atMs: 2 });
    const read = await readSignalFeedback(db, [a, b]);
    expect(read.get(a)).toEqual({ signalId: a, useful: false, atMs: 2 });
    expect(read.has(b)).toBe(false);
    expect(a).toBe('binance-spot|BTCUSDT|1m|0|s1');
    db.close();
  });

  it('adds replayed signals only where the bar has none of that version, marked as replayed', async () => {
    const db = new TapewatchDb(`signals-${Math.random()}`);
    await putSignals(db, [signal(60_000, { confidence: 0.7 })]);
    expect(await addReplayedSignals(db, [signal(0), signal(60_000, { confidence: 0.5 }), signal(120_000)])).toBe(2);
    // A second replay over the same bars keeps the first one's rows.
    expect(await addReplayedSignals(db, [signal(0, { action: 'SELL' })])).toBe(0);
    const rows = await readSignals(db, KEY, 's1');
    expect(rows.map((s) => [s.openTimeMs, s.action, s.confidence, s.replayed])).toEqual([
      [0, 'BUY', 0.6, true],
      [60_000, 'BUY', 0.7, undefined],
      [120_000, 'BUY', 0.6, true],
    ]);
    expect(await addReplayedSignals(db, [])).toBe(0);
    db.close();
  });

  it("stores a decision with the series' key, the layer's version and a copy of its evidence", () => {
    const { venue: _v, symbol: _s, timeframe: _t, model: _m, madeAtMs: _a, ...decision } = signal(60_000);
    const row = toStoredSignal(KEY, decision, 5);
    expect(row).toEqual({ ...KEY, ...decision, model: 'signals-v1', madeAtMs: 5 });
    expect(row.evidence).not.toBe(decision.evidence);
  });
});
