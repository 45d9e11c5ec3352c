import { describe, expect, it } from 'vitest';
import { changeWindow } from './change-window';
import { WindowSeries, type WindowBar } from './window-series';

const MIN = 60_000;
const HOUR = 60 * MIN;
const bar = (openTimeMs: number, open: string, close: string): WindowBar => ({ openTimeMs, open, close });

describe('WindowSeries', () => {
  const now = Date.UTC(2024, 0, 2, 12, 0, 30);
  const start = now - HOUR;

  it('measures from the close of the last bar that ended by the window start', () => {
    const s = new WindowSeries(changeWindow('1h'));
    const firstInside = start - (start % MIN); // 11:00 bar contains the start (11:00:30)
    s.load([
      bar(firstInside - 2 * MIN, '90', '95'),
      bar(firstInside - MIN, '95', '100'), // ended 11:00:00 ≤ 11:00:30: the reference
      bar(firstInside, '100', '104'),
      bar(firstInside + 30 * MIN, '104', '110'),
    ]);
    const sum = s.summary(now)!;
    expect(sum.last).toBe('110');
    expect(sum.changePct).toBeCloseTo(10, 12);
    expect(sum.partial).toBe(false);
    expect(sum.fromMs).toBe(start);
    expect(sum.closes).toEqual([104, 110]);
    // The older bar is no longer needed and is dropped.
    expect(s.size).toBe(3);
  });

  it('falls back to the open of the oldest bar when history is shorter than the window', () => {
    const s = new WindowSeries(changeWindow('1h'));
    const t = now - 10 * MIN;
    s.load([bar(t, '200', '201'), bar(t + MIN, '201', '190')]);
    const sum = s.summary(now)!;
    expect(sum.partial).toBe(true);
    expect(sum.fromMs).toBe(t);
    expect(sum.changePct).toBeCloseTo(-5, 12);
    expect(sum.closes).toEqual([201, 190]);
  });

  it('takes live bars: a replace of the forming bar moves the last price', () => {
    const s = new WindowSeries(changeWindow('1h'));
    const t = now - (now % MIN);
    s.load([bar(start - 2 * MIN, '50', '50')]);
    s.upsert(bar(t, '50', '51'));
    s.upsert(bar(t, '50', '55'));
    const sum = s.summary(now)!;
    expect(sum.last).toBe('55');
    expect(sum.changePct).toBeCloseTo(10, 12);
    expect(sum.closes).toEqual([55]);
  });

  it('is null without bars, and reads from one bar before the window', () => {
    const s = new WindowSeries(changeWindow('24h'));
    expect(s.summary(now)).toBeNull();
    expect(s.readFromMs(now)).toBe(now - 24 * HOUR - 5 * MIN);
  });

  it('with only a reference bar the change is zero, not missing', () => {
    const s = new WindowSeries(changeWindow('1h'));
    s.load([bar(start - 5 * MIN, '7', '8')]);
    const sum = s.summary(now)!;
    expect(sum.last).toBe('8');
    expect(sum.changePct).toBe(0);
    expect(sum.closes).toEqual([]);
  });
});
