import { describe, expect, it } from 'vitest';
import { syntheticBars } from '../../../test/fixtures/indicators/synthetic-bars';
import type { BarInput } from './bar-input';
import { createIndicatorFromSpec, MAX_PERIOD } from './registry';
import { IndicatorSpecError } from './indicator-spec';

/**
 * Windowed indicators with long windows, kept as running state, against a recomputation of
 * each value from its explicit window: every bar is first previewed (`replace`) with a few
 * other shapes of the forming bar, then committed (`add`), over far more bars than the window,
 * so the running state slides, is recomputed and slides again many times.
 */

const N = 400;
const BARS = syntheticBars({ bars: 4 * N, seed: 11 });

type Naive = (window: readonly BarInput[]) => Record<string, number>;

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const mean = (xs: readonly number[]): number => sum(xs) / xs.length;
const pstd = (xs: readonly number[]): number => {
  const m = mean(xs);
  return Math.sqrt(sum(xs.map((x) => (x - m) ** 2)) / xs.length);
};
const closes = (w: readonly BarInput[]): number[] => w.map((b) => b.close);
const last = <T>(xs: readonly T[]): T => xs[xs.length - 1] as T;

/** A different shape for the forming bar: close moved, range widened or narrowed. */
function reshape(bar: BarInput, k: number): BarInput {
  const shift = (k - 1.5) * 0.002 * bar.close;
  const close = bar.close + shift;
  return {
    ...bar,
    close,
    high: Math.max(bar.high + (k % 2) * 0.001 * bar.close, close),
    low: Math.min(bar.low - (k % 3) * 0.001 * bar.close, close),
    volume: bar.volume * (1 + k / 4),
  };
}

function near(a: number, e: number): boolean {
  return Math.abs(a - e) <= 1e-9 * Math.max(1, Math.abs(e));
}

function check(spec: string, length: number, naive: Naive): void {
  const indicator = createIndicatorFromSpec(spec);
  const committed: BarInput[] = [];
  const problems: string[] = [];
  const compare = (i: number, kind: string, value: Record<string, number> | null, window: BarInput[]) => {
    const expected = window.length < length ? null : naive(window.slice(-length));
    if (value === null || expected === null) {
      if ((value === null) !== (expected === null))
        problems.push(`bar ${i} ${kind}: ${JSON.stringify(value)} vs ${JSON.stringify(expected)}`);
      return;
    }
    for (const [name, e] of Object.entries(expected))
      if (!near(value[name] as number, e)) problems.push(`bar ${i} ${kind} ${name}: ${value[name]} vs ${e}`);
  };
  BARS.forEach((bar, i) => {
    for (let k = 0; k < i % 4; k++) {
      const preview = reshape(bar, k);
      compare(i, `replace ${k}`, indicator.replace(preview), [...committed, preview]);
    }
    committed.push(bar);
    compare(i, 'add', indicator.add(bar), committed);
    if (committed.length > length + 1) committed.shift();
  });
  expect(problems.slice(0, 5)).toEqual([]);
}

describe(`windowed indicators with ${N}-bar windows equal an explicit recomputation, replace and add`, () => {
  it('sma, wma, trima', () => {
    check(`sma:${N}`, N, (w) => ({ sma: mean(closes(w)) }));
    check(`wma:${N}`, N, (w) => ({ wma: sum(closes(w).map((c, i) => c * (i + 1))) / ((N * (N + 1)) / 2) }));
    check(`trima:${N}`, N, (w) => {
      const weights = w.map((_, i) => Math.min(i + 1, N - i));
      return { trima: sum(closes(w).map((c, i) => c * (weights[i] as number))) / sum(weights) };
    });
  });

  it('stddev, bb, rstd, rmean, zscore, rvol', () => {
    check(`stddev:${N}`, N, (w) => ({ stddev: pstd(closes(w)) }));
    check(`bb:${N},2`, N, (w) => {
      const m = mean(closes(w));
      const s = pstd(closes(w));
      return { middle: m, upper: m + 2 * s, lower: m - 2 * s };
    });
    const returns = (w: readonly BarInput[]) => w.slice(1).map((b, i) => Math.log(b.close / (w[i] as BarInput).close));
    check(`rstd:${N}`, N + 1, (w) => ({ rstd: pstd(returns(w)) * Math.sqrt(N / (N - 1)) }));
    check(`rmean:${N}`, N + 1, (w) => ({ rmean: mean(returns(w)) }));
    check(`zscore:${N}`, N, (w) => ({ zscore: (last(w).close - mean(closes(w))) / pstd(closes(w)) }));
    check(`rvol:${N}`, N + 1, (w) => ({ rvol: Math.sqrt(mean(returns(w).map((r) => r * r))) }));
  });

  it('donchian, willr, aroon (rolling extremes; Aroon ties go to the most recent bar)', () => {
    check(`donchian:${N}`, N, (w) => {
      const upper = Math.max(...w.map((b) => b.high));
      const lower = Math.min(...w.map((b) => b.low));
      return { upper, lower, middle: (upper + lower) / 2 };
    });
    check(`willr:${N}`, N, (w) => {
      const h = Math.max(...w.map((b) => b.high));
      const l = Math.min(...w.map((b) => b.low));
      return { willr: (100 * (last(w).close - l)) / (h - l) - 100 };
    });
    check(`aroon:${N}`, N + 1, (w) => {
      let hi = 0;
      let lo = 0;
      w.forEach((b, i) => {
        if (b.high >= (w[hi] as BarInput).high) hi = i;
        if (b.low <= (w[lo] as BarInput).low) lo = i;
      });
      const up = (100 * (N - (N - hi))) / N;
      const down = (100 * (N - (N - lo))) / N;
      return { up, down, osc: up - down };
    });
  });

  it('linreg, mom, roc, cmo', () => {
    check(`linreg:${N}`, N, (w) => {
      const ys = closes(w);
      const xMean = (N - 1) / 2;
      const yMean = mean(ys);
      let sxy = 0;
      let sxx = 0;
      ys.forEach((y, i) => {
        sxy += (i - xMean) * (y - yMean);
        sxx += (i - xMean) ** 2;
      });
      const slope = sxy / sxx;
      return { slope, value: yMean + slope * (N - 1 - xMean) };
    });
    check(`mom:${N}`, N + 1, (w) => ({ mom: last(w).close - (w[0] as BarInput).close }));
    check(`roc:${N}`, N + 1, (w) => ({ roc: 100 * (last(w).close / (w[0] as BarInput).close - 1) }));
    check(`cmo:${N}`, N + 1, (w) => {
      let gains = 0;
      let losses = 0;
      for (let i = 1; i < w.length; i++) {
        const change = (w[i] as BarInput).close - (w[i - 1] as BarInput).close;
        if (change > 0) gains += change;
        else losses -= change;
      }
      return { cmo: (100 * (gains - losses)) / (gains + losses) };
    });
  });

  it('cci and pctrank (order-statistic tree)', () => {
    check(`cci:${N}`, N, (w) => {
      const tp = w.map((b) => (b.high + b.low + b.close) / 3);
      const m = mean(tp);
      const deviation = mean(tp.map((v) => Math.abs(v - m)));
      return { cci: (last(tp) - m) / (0.015 * deviation) };
    });
    check(`pctrank:${N}`, N + 1, (w) => {
      const x = last(w).close;
      return { pctrank: (100 * w.slice(0, N).filter((b) => b.close <= x).length) / N };
    });
  });

  it('cmf, vwma, mfi', () => {
    check(`cmf:${N}`, N, (w) => {
      const flow = sum(
        w.map((b) => (b.high === b.low ? 0 : ((2 * b.close - b.low - b.high) / (b.high - b.low)) * b.volume)),
      );
      return { cmf: flow / sum(w.map((b) => b.volume)) };
    });
    check(`vwma:${N}`, N, (w) => ({ vwma: sum(w.map((b) => b.close * b.volume)) / sum(w.map((b) => b.volume)) }));
    check(`mfi:${N}`, N + 1, (w) => {
      const tp = w.map((b) => (b.high + b.low + b.close) / 3);
      let up = 0;
      let down = 0;
      for (let i = 1; i < w.length; i++) {
        const flow = (tp[i] as number) * (w[i] as BarInput).volume;
        if ((tp[i] as number) > (tp[i - 1] as number)) up += flow;
        else if ((tp[i] as number) < (tp[i - 1] as number)) down += flow;
      }
      return { mfi: (100 * up) / (up + down) };
    });
  });
});

describe('window lengths are bounded', () => {
  it(`accepts ${MAX_PERIOD} (a year of 1m bars) and refuses more with a clear error`, () => {
    expect(() => createIndicatorFromSpec(`sma:${MAX_PERIOD}`)).not.toThrow();
    expect(() => createIndicatorFromSpec(`sma:${MAX_PERIOD + 1}`)).toThrow(IndicatorSpecError);
    expect(() => createIndicatorFromSpec('donchian:10000000')).toThrow(
      'donchian: period must be at most 525600 (one year of 1m bars), got 10000000',
    );
    expect(() => createIndicatorFromSpec('ichimoku:9,26,52,600000')).toThrow(/displacement must be at most 525600/);
  });
});
