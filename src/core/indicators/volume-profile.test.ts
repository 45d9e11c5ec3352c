import { describe, expect, it } from 'vitest';
import { syntheticBars } from '../../../test/fixtures/indicators/synthetic-bars';
import type { BarInput } from './bar-input';
import { volumeProfile } from './volume-profile';

const bar = (low: number, high: number, volume: number, buy?: number, sell?: number): BarInput => ({
  timeMs: 0,
  open: low,
  high,
  low,
  close: high,
  volume,
  ...(buy === undefined ? {} : { buyVolume: buy }),
  ...(sell === undefined ? {} : { sellVolume: sell }),
});

describe('volumeProfile', () => {
  it('spreads each bar over its range and finds POC and value area (hand-computed)', () => {
    const flat: BarInput = {
      timeMs: 0,
      open: 105,
      high: 105,
      low: 105,
      close: 105,
      volume: 5,
      buyVolume: 5,
      sellVolume: 0,
    };
    const profile = volumeProfile([bar(100, 110, 10, 6, 4), flat], { rows: 2 });
    expect(profile?.rows).toEqual([
      { low: 100, high: 105, volume: 5, buyVolume: 3, sellVolume: 2 },
      { low: 105, high: 110, volume: 10, buyVolume: 8, sellVolume: 2 },
    ]);
    expect(profile).toMatchObject({
      totalVolume: 15,
      pocIndex: 1,
      pocPrice: 107.5,
      valueAreaLow: 100,
      valueAreaHigh: 110,
    });
  });

  it('value area grows towards the heavier side until it holds 70%', () => {
    // Rows of height 1 over [0, 5]. Volumes 1, 2, 10, 4, 3 (total 20, target 14): POC row 2,
    // then row 3 (4 > 2) reaches 14.
    const up = volumeProfile(
      [1, 2, 10, 4, 3].map((v, i) => bar(i, i + 1, v)),
      { rows: 5 },
    );
    expect(up).toMatchObject({ pocIndex: 2, valueAreaLow: 2, valueAreaHigh: 4, valueAreaVolume: 14 });
    // Volumes 1, 6, 10, 4, 3 (total 24, target 16.8): row 1 (6 > 4) gives 16, then row 3 (4 > 1).
    const down = volumeProfile(
      [1, 6, 10, 4, 3].map((v, i) => bar(i, i + 1, v)),
      { rows: 5 },
    );
    expect(down).toMatchObject({ pocIndex: 2, valueAreaLow: 1, valueAreaHigh: 4, valueAreaVolume: 20 });
  });

  it('bars without side information count in volume only', () => {
    const profile = volumeProfile([bar(1, 2, 4)], { rows: 1 });
    expect(profile?.rows[0]).toMatchObject({ volume: 4, buyVolume: 0, sellVolume: 0 });
  });

  it('a range without height is one row at that price; no bars is null', () => {
    const flat: BarInput = { timeMs: 0, open: 7, high: 7, low: 7, close: 7, volume: 2 };
    expect(volumeProfile([flat, flat], { rows: 10 })).toMatchObject({
      pocPrice: 7,
      totalVolume: 4,
      valueAreaLow: 7,
      valueAreaHigh: 7,
    });
    expect(volumeProfile([])).toBeNull();
  });

  it('matches a sampled distribution on realistic bars and conserves volume', () => {
    const bars = syntheticBars({ bars: 300, seed: 3 });
    const profile = volumeProfile(bars, { rows: 30 });
    if (profile === null) throw new Error('no profile');
    // Independent estimate: each bar's volume split over 2000 equally spaced prices in its range.
    const lo = Math.min(...bars.map((b) => b.low));
    const hi = Math.max(...bars.map((b) => b.high));
    const sampled = new Array<number>(30).fill(0);
    for (const b of bars) {
      const samples = b.high > b.low ? 2000 : 1;
      for (let k = 0; k < samples; k++) {
        const price = samples === 1 ? b.close : b.low + ((k + 0.5) / samples) * (b.high - b.low);
        const row = Math.min(29, Math.floor(((price - lo) / (hi - lo)) * 30));
        sampled[row] = (sampled[row] as number) + b.volume / samples;
      }
    }
    const total = bars.reduce((t, b) => t + b.volume, 0);
    profile.rows.forEach((row, i) => expect(Math.abs(row.volume - (sampled[i] as number))).toBeLessThan(total * 1e-3));
    expect(profile.totalVolume).toBeCloseTo(total, 6);
    expect(profile.rows.reduce((t, r) => t + r.buyVolume + r.sellVolume, 0)).toBeCloseTo(total, 6);
    expect(profile.valueAreaVolume).toBeGreaterThanOrEqual(0.7 * total);
    expect(profile.valueAreaLow).toBeLessThanOrEqual(profile.pocPrice);
    expect(profile.valueAreaHigh).toBeGreaterThanOrEqual(profile.pocPrice);
    const maxRow = Math.max(...profile.rows.map((r) => r.volume));
    expect(profile.rows[profile.pocIndex]?.volume).toBe(maxRow);
  });

  it('rejects bad options', () => {
    expect(() => volumeProfile([], { rows: 0 })).toThrow(RangeError);
    expect(() => volumeProfile([], { valueAreaShare: 1.5 })).toThrow(RangeError);
  });
});
