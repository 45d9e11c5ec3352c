import { describe, expect, it } from 'vitest';
import { syntheticBars } from '../../../test/fixtures/indicators/synthetic-bars';
import type { BarInput } from './bar-input';
import { createIndicatorFromSpec } from './registry';

/**
 * Indicators without a TA-Lib equivalent (and TA-Lib ones where we also offer or document another
 * convention) against deliberately different implementations: batch, over whole arrays,
 * recomputing each bar from scratch (explicit windows, closed-form EMA sums) instead of keeping
 * streaming state. Each cites the definition it follows.
 */

const BARS = syntheticBars({ bars: 2200, seed: 5 });
const N = BARS.length;
const close = BARS.map((b) => b.close);
const high = BARS.map((b) => b.high);
const low = BARS.map((b) => b.low);
const volume = BARS.map((b) => b.volume);
const hl2 = BARS.map((b) => (b.high + b.low) / 2);

type Series = (number | null)[];

function run(spec: string, bars: readonly BarInput[] = BARS): Record<string, Series> {
  const indicator = createIndicatorFromSpec(spec);
  const out: Record<string, Series> = Object.fromEntries(indicator.outputs.map((o) => [o, []]));
  for (const bar of bars) {
    const value = indicator.add(bar);
    for (const o of indicator.outputs) (out[o] as Series).push(value === null ? null : (value[o] as number));
  }
  return out;
}

/** Same nulls, and values equal to 1e-9 relative (absolute for |x| < 1), from bar `from` on. */
function expectClose(actual: Series | undefined, expected: Series, from = 0): void {
  expect(actual).toBeDefined();
  const problems: string[] = [];
  for (let i = from; i < expected.length && problems.length < 5; i++) {
    const a = (actual as Series)[i] ?? null;
    const e = expected[i] ?? null;
    if (a === null || e === null) {
      if (a !== e) problems.push(`bar ${i}: ${a} vs ${e}`);
    } else if (!(Math.abs(a - e) <= 1e-9 * Math.max(1, Math.abs(e)))) problems.push(`bar ${i}: ${a} vs ${e}`);
  }
  expect(problems).toEqual([]);
}

const slice = (xs: readonly number[], i: number, n: number): number[] => xs.slice(i - n + 1, i + 1);
const avg = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const windowed = (n: number, f: (i: number) => number): Series =>
  Array.from({ length: N }, (_, i) => (i < n - 1 ? null : f(i)));

/** WMA at i with weights n..1 from newest back. */
function wmaAt(xs: readonly (number | null)[], i: number, n: number): number | null {
  let total = 0;
  for (let j = 0; j < n; j++) {
    const x = xs[i - j];
    if (x === null || x === undefined) return null;
    total += x * (n - j);
  }
  return total / ((n * (n + 1)) / 2);
}

/**
 * EMA in closed form: seed = mean of the first `n` defined inputs (at bar s), then
 * ema[t] = (1−α)^(t−s)·seed + α·Σ_{j=s+1..t} (1−α)^(t−j)·x[j], the sum cut where the
 * weights fall below 1e-19 (far under the 1e-9 tolerance).
 */
function emaClosedForm(xs: readonly (number | null)[], n: number, alpha = 2 / (n + 1)): Series {
  const first = xs.findIndex((x) => x !== null);
  const s = first + n - 1;
  const seed = avg(xs.slice(first, s + 1) as number[]);
  return xs.map((_, t) => {
    if (first < 0 || t < s) return null;
    let total = Math.pow(1 - alpha, t - s) * seed;
    let weight = alpha;
    for (let j = t; j > s && weight > 1e-19; j--, weight *= 1 - alpha) total += weight * (xs[j] as number);
    return total;
  });
}

/** True range per bar; bar 0 as high − low (TradingView) or null (TA-Lib). */
function trueRanges(firstBar: 'high-low' | 'none'): Series {
  return BARS.map((b, i) => {
    if (i === 0) return firstBar === 'none' ? null : b.high - b.low;
    const pc = close[i - 1] as number;
    return Math.max(b.high - b.low, Math.abs(b.high - pc), Math.abs(b.low - pc));
  });
}

/** Wilder's RMA in a plain loop: seed = mean of the first n defined values. */
function rma(xs: Series, n: number): Series {
  const out: Series = [];
  let value: number | null = null;
  const seen: number[] = [];
  for (const x of xs) {
    if (x === null) out.push(null);
    else if (value === null) {
      seen.push(x);
      if (seen.length === n) value = avg(seen);
      out.push(value);
    } else {
      value = (value * (n - 1) + x) / n;
      out.push(value);
    }
  }
  return out;
}

describe('moving averages', () => {
  it('hma:16 = WMA(2·WMA(n/2) − WMA(n), √n) (Alan Hull, alanhull.com/hull-moving-average)', () => {
    const raw = close.map((_, i) => {
      const half = wmaAt(close, i, 8);
      const full = wmaAt(close, i, 16);
      return half === null || full === null ? null : 2 * half - full;
    });
    expectClose(
      run('hma:16').hma,
      raw.map((_, i) => wmaAt(raw, i, 4)),
    );
  });

  it('vwma:20 = Σ(close·volume)/Σ(volume) (TradingView ta.vwma)', () => {
    const expected = windowed(20, (i) => {
      const c = slice(close, i, 20);
      const v = slice(volume, i, 20);
      return c.reduce((t, x, k) => t + x * (v[k] as number), 0) / v.reduce((a, b) => a + b, 0);
    });
    expectClose(run('vwma:20').vwma, expected);
  });

  it('zlema:20 = EMA(close + (close − close[9])) (Ehlers & Way 2010; Wikipedia "Zero lag exponential moving average")', () => {
    const delagged = close.map((c, i) => (i < 9 ? null : 2 * c - (close[i - 9] as number)));
    expectClose(run('zlema:20').zlema, emaClosedForm(delagged, 20));
  });
});

describe('oscillators', () => {
  it('macd:12,26,9 standard seeding = EMA12 − EMA26 from bar 0, signal EMA9 (Appel), exact', () => {
    const fast = emaClosedForm(close, 12);
    const slow = emaClosedForm(close, 26);
    const line = close.map((_, i) => (slow[i] === null ? null : (fast[i] as number) - (slow[i] as number)));
    const signal = emaClosedForm(line, 9);
    const ours = run('macd:12,26,9');
    const gated = (xs: Series): Series => xs.map((x, i) => (signal[i] === null ? null : x));
    expectClose(ours.macd, gated(line));
    expectClose(ours.signal, signal);
    expectClose(
      ours.histogram,
      signal.map((s, i) => (s === null ? null : (line[i] as number) - s)),
    );
  });

  it('ppo:12,26,9 signal and histogram', () => {
    const fast = emaClosedForm(close, 12);
    const slow = emaClosedForm(close, 26);
    const line = close.map((_, i) =>
      slow[i] === null ? null : (((fast[i] as number) - (slow[i] as number)) / (slow[i] as number)) * 100,
    );
    const signal = emaClosedForm(line, 9);
    const ours = run('ppo:12,26,9');
    expectClose(ours.signal, signal);
    expectClose(
      ours.histogram,
      signal.map((s, i) => (s === null ? null : (line[i] as number) - s)),
    );
  });

  it('stochrsi:14,14,3,3, TradingView layout: K = SMA(stoch(RSI, 14), 3), D = SMA(K, 3)', () => {
    // RSI: Wilder averages of gains and losses (Wilder 1978), loop form.
    const changes: Series = close.map((c, i) => (i === 0 ? null : c - (close[i - 1] as number)));
    const gains = rma(
      changes.map((d) => (d === null ? null : Math.max(d, 0))),
      14,
    );
    const losses = rma(
      changes.map((d) => (d === null ? null : Math.max(-d, 0))),
      14,
    );
    const rsi = gains.map((g, i) =>
      g === null ? null : losses[i] === 0 ? 100 : 100 - 100 / (1 + g / (losses[i] as number)),
    );
    const raw = rsi.map((r, i) => {
      if (r === null || i < 27) return null;
      const w = rsi.slice(i - 13, i + 1) as number[];
      const lo = Math.min(...w);
      const hi = Math.max(...w);
      return hi === lo ? 50 : (100 * (r - lo)) / (hi - lo);
    });
    const sma = (xs: Series, n: number): Series =>
      xs.map((_, i) => {
        const w = xs.slice(Math.max(0, i - n + 1), i + 1);
        return w.length === n && w.every((x) => x !== null) ? avg(w as number[]) : null;
      });
    const k = sma(raw, 3);
    const d = sma(k, 3);
    const ours = run('stochrsi:14,14,3,3');
    expectClose(ours.d, d);
    expectClose(
      ours.k,
      k.map((x, i) => (d[i] === null ? null : x)),
    );
  });

  it('cmo:14 = 100·(Σgains − Σlosses)/(Σgains + Σlosses) over 14 changes (Chande & Kroll 1994)', () => {
    const expected: Series = close.map((_, i) => {
      if (i < 14) return null;
      let up = 0;
      let down = 0;
      for (let j = i - 13; j <= i; j++) {
        const d = (close[j] as number) - (close[j - 1] as number);
        if (d > 0) up += d;
        else down -= d;
      }
      return (100 * (up - down)) / (up + down);
    });
    expectClose(run('cmo:14').cmo, expected);
  });

  it('ao:5,34 = SMA5(hl2) − SMA34(hl2) (Bill Williams)', () => {
    expectClose(
      run('ao:5,34').ao,
      windowed(34, (i) => avg(slice(hl2, i, 5)) - avg(slice(hl2, i, 34))),
    );
  });
});

describe('volatility and channels', () => {
  it('bb:20,2 %B and bandwidth (Bollinger on Bollinger Bands)', () => {
    const ours = run('bb:20,2');
    const band = (i: number) => {
      const w = slice(close, i, 20);
      const m = avg(w);
      const sd = Math.sqrt(avg(w.map((x) => (x - m) ** 2)));
      return { m, up: m + 2 * sd, lo: m - 2 * sd };
    };
    expectClose(
      ours.percent_b,
      windowed(20, (i) => {
        const b = band(i);
        return ((close[i] as number) - b.lo) / (b.up - b.lo);
      }),
    );
    expectClose(
      ours.bandwidth,
      windowed(20, (i) => {
        const b = band(i);
        return (b.up - b.lo) / b.m;
      }),
    );
  });

  it('kc:20,2,10 = EMA20 ± 2·ATR10 (TradingView Keltner Channels, ATR band style)', () => {
    const ema = emaClosedForm(close, 20);
    const atr = rma(trueRanges('none'), 10);
    const ours = run('kc:20,2,10');
    const gate = (f: (i: number) => number): Series =>
      close.map((_, i) => (ema[i] === null || atr[i] === null ? null : f(i)));
    expectClose(
      ours.middle,
      gate((i) => ema[i] as number),
    );
    expectClose(
      ours.upper,
      gate((i) => (ema[i] as number) + 2 * (atr[i] as number)),
    );
    expectClose(
      ours.lower,
      gate((i) => (ema[i] as number) - 2 * (atr[i] as number)),
    );
  });

  it('atr:14 converges to TradingView ta.atr (bar 0 counted as high − low) after burn-in', () => {
    const tv = rma(trueRanges('high-low'), 14);
    const ours = run('atr:14').atr;
    expect(ours?.[14]).not.toBeCloseTo(tv[14] as number, 6);
    expectClose(ours, tv, 500);
  });

  it('adx:14 converges to Wilder’s book seeding (first sums over 14 one-bar values) after burn-in', () => {
    const tr = trueRanges('none');
    const plusDm: Series = BARS.map((b, i) => {
      if (i === 0) return null;
      const up = b.high - (high[i - 1] as number);
      const down = (low[i - 1] as number) - b.low;
      return up > down && up > 0 ? up : 0;
    });
    const minusDm: Series = BARS.map((b, i) => {
      if (i === 0) return null;
      const up = b.high - (high[i - 1] as number);
      const down = (low[i - 1] as number) - b.low;
      return down > up && down > 0 ? down : 0;
    });
    // Wilder's sums: first = Σ of 14 values, then S − S/14 + x.
    const wilderSum = (xs: Series): Series => rma(xs, 14).map((x) => (x === null ? null : x * 14));
    const str = wilderSum(tr);
    const spdm = wilderSum(plusDm);
    const smdm = wilderSum(minusDm);
    const pdi = str.map((t, i) => (t === null ? null : (100 * (spdm[i] as number)) / t));
    const mdi = str.map((t, i) => (t === null ? null : (100 * (smdm[i] as number)) / t));
    const dx = pdi.map((p, i) =>
      p === null ? null : (100 * Math.abs(p - (mdi[i] as number))) / (p + (mdi[i] as number)),
    );
    const adx = rma(dx, 14);
    const ours = run('adx:14');
    expectClose(ours.plus_di, pdi, 800);
    expectClose(ours.minus_di, mdi, 800);
    expectClose(ours.adx, adx, 800);
  });
});

describe('trend', () => {
  it('supertrend:10,3 follows TradingView ta.supertrend (Pine v5 reference implementation)', () => {
    const atr = rma(trueRanges('none'), 10);
    const st: Series = [];
    const dir: Series = [];
    let prevUpper = 0;
    let prevLower = 0;
    let prevSt: number | null = null;
    for (let i = 0; i < N; i++) {
      const a = atr[i] ?? null;
      if (a === null) {
        st.push(null);
        dir.push(null);
        continue;
      }
      let upper = (hl2[i] as number) + 3 * a;
      let lower = (hl2[i] as number) - 3 * a;
      const prevClose = close[i - 1] as number;
      lower = lower > prevLower || prevClose < prevLower ? lower : prevLower;
      upper = upper < prevUpper || prevClose > prevUpper ? upper : prevUpper;
      // Pine: direction 1 = down, -1 = up; ours is the opposite sign.
      let pineDirection: number;
      if (prevSt === null) pineDirection = 1;
      else if (prevSt === prevUpper) pineDirection = (close[i] as number) > upper ? -1 : 1;
      else pineDirection = (close[i] as number) < lower ? 1 : -1;
      const value = pineDirection === -1 ? lower : upper;
      st.push(value);
      dir.push(-pineDirection);
      prevSt = value;
      prevUpper = upper;
      prevLower = lower;
    }
    const ours = run('supertrend:10,3');
    expectClose(ours.supertrend, st);
    expectClose(ours.direction, dir);
    expect(new Set(dir.filter((d) => d !== null)).size).toBe(2);
  });

  it('ichimoku:9,26,52,26: midpoints, cloud shifted by displacement − 1 (TradingView Ichimoku)', () => {
    const mid = (i: number, n: number): number | null =>
      i < n - 1 ? null : (Math.max(...slice(high, i, n)) + Math.min(...slice(low, i, n))) / 2;
    const first = 52 - 1 + 25;
    const gate = (f: (i: number) => number | null): Series => close.map((_, i) => (i < first ? null : f(i)));
    const ours = run('ichimoku:9,26,52,26');
    expectClose(
      ours.tenkan,
      gate((i) => mid(i, 9)),
    );
    expectClose(
      ours.kijun,
      gate((i) => mid(i, 26)),
    );
    expectClose(
      ours.senkou_a,
      gate((i) => ((mid(i - 25, 9) as number) + (mid(i - 25, 26) as number)) / 2),
    );
    expectClose(
      ours.senkou_b,
      gate((i) => mid(i - 25, 52)),
    );
    expectClose(
      ours.lead_a,
      gate((i) => ((mid(i, 9) as number) + (mid(i, 26) as number)) / 2),
    );
    expectClose(
      ours.lead_b,
      gate((i) => mid(i, 52)),
    );
  });
});

describe('volume', () => {
  it('cmf:20 = Σ money-flow volume / Σ volume (Marc Chaikin)', () => {
    const mfv = BARS.map((b) => ((b.close - b.low - (b.high - b.close)) / (b.high - b.low || 1)) * b.volume);
    expectClose(
      run('cmf:20').cmf,
      windowed(
        20,
        (i) => slice(mfv, i, 20).reduce((a, b) => a + b, 0) / slice(volume, i, 20).reduce((a, b) => a + b, 0),
      ),
    );
  });

  it('vwap restarts at each 00:00 UTC: Σ tp·v / Σ v since the session start', () => {
    const days = BARS.map((b) => new Date(b.timeMs).toISOString().slice(0, 10));
    const expected = BARS.map((_, i) => {
      let j = i;
      while (j > 0 && days[j - 1] === days[i]) j--;
      const session = BARS.slice(j, i + 1);
      const pv = session.reduce((t, s) => t + ((s.high + s.low + s.close) / 3) * s.volume, 0);
      return pv / session.reduce((t, s) => t + s.volume, 0);
    });
    const ours = run('vwap').vwap;
    expectClose(ours, expected);
    // The series crosses UTC midnight, so resets really happen.
    expect(new Set(days).size).toBeGreaterThan(1);
  });

  it('avwap from the anchor bar on, null before', () => {
    const anchor = (BARS[700] as BarInput).timeMs + 1; // between bars: starts at bar 701
    const expected = BARS.map((_, i) => {
      if (i < 701) return null;
      const run = BARS.slice(701, i + 1);
      return (
        run.reduce((t, s) => t + ((s.high + s.low + s.close) / 3) * s.volume, 0) / run.reduce((t, s) => t + s.volume, 0)
      );
    });
    expectClose(run(`avwap:${anchor}`).avwap, expected);
  });

  it('cvd = running Σ(taker buy − taker sell); delta per bar', () => {
    const delta = BARS.map((b) => (b.buyVolume as number) - (b.sellVolume as number));
    const ours = run('cvd');
    expectClose(ours.delta, delta);
    expectClose(
      ours.cvd,
      delta.map((_, i) => delta.slice(0, i + 1).reduce((a, b) => a + b, 0)),
    );
  });

  it('cvd derives the missing side from volume (Binance klines carry taker-buy only) and refuses bars with neither', () => {
    const bars = BARS.slice(0, 3).map(({ sellVolume: _, ...rest }) => rest);
    const ours = run('cvd', bars);
    expect(ours.delta?.[0]).toBeCloseTo(2 * (bars[0]?.buyVolume as number) - (bars[0]?.volume as number), 9);
    const indicator = createIndicatorFromSpec('cvd');
    expect(() => indicator.add({ timeMs: 0, open: 1, high: 1, low: 1, close: 1, volume: 1 })).toThrow(/taker/);
  });

  it('degenerate windows use documented neutral values, never NaN', () => {
    const flat = syntheticBars({ bars: 60, seed: 1, flat: [{ start: 0, length: 60 }] });
    const last = (spec: string): Record<string, number | null> =>
      Object.fromEntries(Object.entries(run(spec, flat)).map(([k, v]) => [k, v[v.length - 1] ?? null]));
    expect(last('stoch:14,3,3')).toEqual({ k: 50, d: 50 });
    expect(last('willr:14')).toEqual({ willr: -50 });
    expect(last('cci:20')).toEqual({ cci: 0 });
    expect(last('rsi:14')).toEqual({ rsi: 100 });
    expect(last('mfi:14')).toEqual({ mfi: 50 });
    expect(last('cmo:14')).toEqual({ cmo: 0 });
    expect(last('cmf:20')).toEqual({ cmf: 0 });
    expect(last('bb:20,2')).toMatchObject({ percent_b: 0.5, bandwidth: 0 });
    expect(last('vwma:20')).toEqual({ vwma: flat[0]?.close });
    expect(last('vwap')).toEqual({ vwap: flat[0]?.close });
    expect(last('adx:14')).toEqual({ adx: 0, plus_di: 0, minus_di: 0 });
  });
});
