import { describe, expect, it } from 'vitest';
import type { Candle, CandleUpdate } from '../candles/candle';
import { PairBarAligner } from './pair-bar-aligner';

function update(symbol: string, openTimeMs: number, close: string, closed: boolean): CandleUpdate {
  const candle: Candle = {
    venue: 'demo',
    symbol,
    timeframe: '1m',
    openTimeMs,
    open: close,
    high: close,
    low: close,
    close,
    volume: '1',
    quoteVolume: close,
    buyVolume: '1',
    sellVolume: '0',
    trades: 1,
    vwap: Number(close),
    closed,
  };
  return { kind: closed ? 'add' : 'replace', candle };
}

describe('PairBarAligner', () => {
  it('emits replace while a side is forming and add once both closed', () => {
    const al = new PairBarAligner();
    expect(al.update('a', update('A', 0, '10', false))).toBeNull();
    const r = al.update('b', update('B', 0, '20', false));
    expect(r?.kind).toBe('replace');
    expect(r?.a.close).toBe('10');
    expect(r?.b.close).toBe('20');
    expect(al.update('a', update('A', 0, '11', true))?.kind).toBe('replace');
    const done = al.update('b', update('B', 0, '21', true));
    expect(done).toMatchObject({ kind: 'add', openTimeMs: 0 });
    expect(done?.a.close).toBe('11');
    // Late corrections of a committed bar are dropped.
    expect(al.update('a', update('A', 0, '12', true))).toBeNull();
  });

  it('skips times only one side has', () => {
    const al = new PairBarAligner();
    al.update('a', update('A', 0, '1', true));
    al.update('a', update('A', 60_000, '2', true));
    expect(al.update('b', update('B', 60_000, '3', true))).toMatchObject({ kind: 'add', openTimeMs: 60_000 });
    // Bar 0 of a is now older than the committed time and is never emitted.
    expect(al.update('b', update('B', 0, '4', true))).toBeNull();
  });

  it('forgets unmatched bars beyond maxPending', () => {
    const al = new PairBarAligner(2);
    al.update('a', update('A', 0, '1', true));
    al.update('a', update('A', 60_000, '1', true));
    al.update('a', update('A', 120_000, '1', true));
    expect(al.update('b', update('B', 0, '1', true))).toBeNull();
    expect(al.update('b', update('B', 120_000, '1', true))?.kind).toBe('add');
  });
});
