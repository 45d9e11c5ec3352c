import { describe, expect, it } from 'vitest';
import { syntheticBars } from '../../../test/fixtures/indicators/synthetic-bars';
import { createIndicatorFromSpec } from '../indicators/registry';
import { Drawdown } from './drawdown';
import { PercentileRank } from './percentile-rank';
import { RollingMean, RollingStd } from './rolling-stats';
import { ZScore } from './z-score';

/**
 * Statistical features against direct batch formulas (every bar recomputed from its own window).
 * The streaming contract itself (warm-up, replace, determinism) is covered for each of them by
 * the registry-wide contract test in src/core/indicators.
 */

const BARS = syntheticBars({ bars: 1500, seed: 9 });
const close = BARS.map((b) => b.close);
const logret = close.map((c, i) => (i === 0 ? null : Math.log(c / (close[i - 1] as number))));

type Series = (number | null)[];

function run(spec: string): Record<string, Series> {
  const indicator = createIndicatorFromSpec(spec);
  const out: Record<string, Series> = Object.fromEntries(indicator.outputs.map((o) => [o, []]));
  for (const bar of BARS) {
    const value = indicator.add(bar);
    for (const o of indicator.outputs) (out[o] as Series).push(value === null ? null : (value[o] as number));
  }
  return out;
}

function expectClose(actual: Series | undefined, expected: Series): void {
  expect(actual?.length).toBe(expected.length);
  const bad = expected.findIndex((e, i) => {
    const a = actual?.[i] ?? null;
    return e === null || a === null ? a !== e : !(Math.abs(a - e) <= 1e-9 * Math.max(Math.abs(e), 1e-6));
  });
  expect(bad, bad >= 0 ? `bar ${bad}: ${actual?.[bad]} vs ${expected[bad]}` : '').toBe(-1);
}

/** The `n` values ending at bar i, or null if any is missing. */
function window(xs: Series, i: number, n: number): number[] | null {
  if (i - n + 1 < 0) return null;
  const w = xs.slice(i - n + 1, i + 1);
  return w.every((x) => x !== null) ? (w as number[]) : null;
}
const mean = (w: readonly number[]): number => w.reduce((a, b) => a + b, 0) / w.length;

describe('features', () => {
  it('logret = ln(close / previous close)', () => {
    expectClose(run('logret').logret, logret);
  });

  it('rmean:20 / rstd:20 = mean and sample std (n − 1) of the last 20 log returns', () => {
    expectClose(
      run('rmean:20').rmean,
      logret.map((_, i) => {
        const w = window(logret, i, 20);
        return w && mean(w);
      }),
    );
    expectClose(
      run('rstd:20').rstd,
      logret.map((_, i) => {
        const w = window(logret, i, 20);
        if (w === null) return null;
        const m = mean(w);
        return Math.sqrt(w.reduce((t, x) => t + (x - m) ** 2, 0) / 19);
      }),
    );
  });

  it('zscore:20 = (close − mean)/population std of the last 20 closes', () => {
    expectClose(
      run('zscore:20').zscore,
      close.map((c, i) => {
        const w = window(close, i, 20);
        if (w === null) return null;
        const m = mean(w);
        return (c - m) / Math.sqrt(w.reduce((t, x) => t + (x - m) ** 2, 0) / 20);
      }),
    );
  });

  it('pctrank:100 = % of the previous 100 closes at or below close (TradingView ta.percentrank)', () => {
    expectClose(
      run('pctrank:100').pctrank,
      close.map((c, i) => (i < 100 ? null : close.slice(i - 100, i).filter((x) => x <= c).length)),
    );
  });

  it('rvol:20 = sqrt(mean r²) of the last 20 log returns; parkinson:20 = sqrt(Σ ln(H/L)² / (4·20·ln 2))', () => {
    expectClose(
      run('rvol:20').rvol,
      logret.map((_, i) => {
        const w = window(logret, i, 20);
        return w && Math.sqrt(mean(w.map((r) => r * r)));
      }),
    );
    const hl: Series = BARS.map((b) => Math.log(b.high / b.low) ** 2);
    expectClose(
      run('parkinson:20').parkinson,
      hl.map((_, i) => {
        const w = window(hl, i, 20);
        return w && Math.sqrt(w.reduce((a, b) => a + b, 0) / (4 * 20 * Math.log(2)));
      }),
    );
  });

  it('drawdown = close / running max − 1 and the deepest so far', () => {
    const ours = run('drawdown');
    const dd = close.map((c, i) => c / Math.max(...close.slice(0, i + 1)) - 1);
    expectClose(ours.drawdown, dd);
    expectClose(
      ours.max,
      dd.map((_, i) => Math.min(...dd.slice(0, i + 1))),
    );
    expect(Math.min(...dd)).toBeLessThan(0);
  });

  it('number-level stages preview without committing', () => {
    const stages = [new RollingMean(3), new RollingStd(3), new ZScore(3), new PercentileRank(3)];
    for (const stage of stages) {
      const committed = [1, 5, 2, 8].map((x) => stage.update(x, true));
      expect(stage.update(-1, false)).not.toBe(committed[3]);
      expect(stage.update(3, true)).toBe(
        (() => {
          const fresh = new (stage.constructor as new (n: number) => typeof stage)(3);
          [1, 5, 2, 8].forEach((x) => fresh.update(x, true));
          return fresh.update(3, true);
        })(),
      );
    }
    const drawdown = new Drawdown();
    drawdown.update(10, true);
    expect(drawdown.update(20, false)).toEqual({ drawdown: 0, max: 0 });
    expect(drawdown.update(5, true)).toEqual({ drawdown: -0.5, max: -0.5 });
  });

  it('flat windows give 0 z-score and 0 volatility, not NaN', () => {
    const z = new ZScore(3);
    [2, 2, 2].forEach((x) => z.update(x, true));
    expect(z.update(2, false)).toBe(0);
    expect(new RollingStd(2).update(1, false)).toBeNull();
  });
});
