import { describe, expect, it } from 'vitest';
import { judgeSignal, type OutcomeTrade } from './signal-outcome';

/** Hand-made bars: [high, low, close]. */
const bars = (rows: [number, number, number][]) => rows.map(([high, low, close]) => ({ high, low, close }));
const buy: OutcomeTrade = { action: 'BUY', entry: 100, stop: 98, target: 103 };
const sell: OutcomeTrade = { action: 'SELL', entry: 100, stop: 102, target: 97 };

describe('judgeSignal (the outcome definition)', () => {
  it('a BUY works when the high reaches the target before the low reaches the stop', () => {
    const after = bars([
      [101, 99, 100.5],
      [103, 100, 102],
      [102, 97, 97.5],
    ]);
    expect(judgeSignal(buy, after, 20)).toEqual({ worked: true, reason: 'target', bars: 2 });
  });

  it('a BUY fails when the stop comes first, even if the target is reached later', () => {
    const after = bars([
      [100.5, 98, 99],
      [104, 99, 103.5],
    ]);
    expect(judgeSignal(buy, after, 20)).toEqual({ worked: false, reason: 'stop', bars: 1 });
  });

  it('both touched in one bar is a failure, for BUY and SELL', () => {
    expect(judgeSignal(buy, bars([[103.2, 97.9, 100]]), 20)).toEqual({ worked: false, reason: 'both', bars: 1 });
    expect(judgeSignal(sell, bars([[102, 97, 100]]), 20)).toEqual({ worked: false, reason: 'both', bars: 1 });
  });

  it('a SELL works when the low reaches the target before the high reaches the stop', () => {
    const after = bars([
      [101, 99, 99.5],
      [100, 96.9, 97],
    ]);
    expect(judgeSignal(sell, after, 20)).toEqual({ worked: true, reason: 'target', bars: 2 });
  });

  it('neither touched: judged by the sign of the close after horizon bars', () => {
    const up = bars([
      [101, 99, 99.5],
      [101.5, 99.2, 100.4],
      [101, 99.5, 100.2],
    ]);
    expect(judgeSignal(buy, up, 3)).toEqual({ worked: true, reason: 'close-up', bars: 3 });
    expect(judgeSignal(sell, up, 3)).toEqual({ worked: false, reason: 'close-up', bars: 3 });
    const flat = bars([
      [101, 99, 99.5],
      [101, 99, 100],
    ]);
    expect(judgeSignal(buy, flat, 2)).toEqual({ worked: false, reason: 'close-flat', bars: 2 });
  });

  it('only bars t+1..t+horizon count: a touch after the horizon is ignored', () => {
    const after = bars([
      [101, 99, 99.6],
      [101, 99, 99.8],
      [110, 99, 109],
    ]);
    expect(judgeSignal(buy, after, 2)).toEqual({ worked: false, reason: 'close-down', bars: 2 });
  });

  it('is undecided (null) until horizon bars are known or a level is touched', () => {
    expect(judgeSignal(buy, bars([[101, 99, 100]]), 3)).toBeNull();
    expect(judgeSignal(buy, bars([[103, 99, 102]]), 3)).toEqual({ worked: true, reason: 'target', bars: 1 });
  });
});
