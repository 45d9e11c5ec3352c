import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticBars } from '../../../test/fixtures/indicators/synthetic-bars';
import { loadTalib, type Talib } from '../../../test/reference/talib/talib';
import type { BarInput } from './bar-input';
import { macdCore } from './oscillators';
import { createIndicator, createIndicatorFromSpec } from './registry';
import { streamingIndicator, type StreamingIndicator } from './streaming-indicator';

/**
 * Every indicator that exists in TA-Lib is compared with TA-Lib itself (talib-web's wasm build of
 * the C library) on long generated series at two price scales. After warm-up each output must
 * match to 1e-9 relative. Near zero (oscillators crossing it) only an absolute error means
 * anything: there the bound is 1e-9 × the output's typical size (median |value|, capped at 1, so
 * outputs at sub-unit price levels are still held to relative accuracy). TA-Lib's first output
 * must land on our `warmup` bar.
 */

type Field = 'open' | 'high' | 'low' | 'close' | 'volume';

interface Reference {
  readonly fn: string;
  readonly inputs: readonly Field[];
  readonly options: readonly number[];
  /** Our output name → TA-Lib output index. */
  readonly outputs: Readonly<Record<string, number>>;
}

interface Case {
  readonly name: string;
  readonly make: () => StreamingIndicator;
  /** The first reference is the one whose first value must fall on our warm-up bar. */
  readonly refs: readonly Reference[];
  /** Compare only from this bar (conventions that converge instead of matching exactly). */
  readonly burnIn?: number;
  /** TA-Lib's first value, when it starts before our first record (an output we add). */
  readonly startsAt?: number;
  /** Relative tolerance, when TA-Lib's own arithmetic is known to be less accurate. */
  readonly rel?: number;
  /** Bars not to compare, with the reason in a comment where the case is declared. */
  readonly skip?: (bars: readonly BarInput[]) => (i: number, output: string) => boolean;
}

const REL = 1e-9;

const spec = (text: string, ...refs: Reference[]): Case => ({
  name: text,
  make: () => createIndicatorFromSpec(text),
  refs,
});
const ref = (
  fn: string,
  inputs: readonly Field[],
  options: readonly number[],
  outputs: Record<string, number>,
): Reference => ({
  fn,
  inputs,
  options,
  outputs,
});
const C: readonly Field[] = ['close'];
const HL: readonly Field[] = ['high', 'low'];
const HLC: readonly Field[] = ['high', 'low', 'close'];
const HLCV: readonly Field[] = ['high', 'low', 'close', 'volume'];

const CASES: readonly Case[] = [
  spec('sma:20', ref('SMA', C, [20], { sma: 0 })),
  spec('sma:3', ref('SMA', C, [3], { sma: 0 })),
  spec('ema:20', ref('EMA', C, [20], { ema: 0 })),
  spec('ema:5', ref('EMA', C, [5], { ema: 0 })),
  spec('wma:20', ref('WMA', C, [20], { wma: 0 })),
  spec('dema:20', ref('DEMA', C, [20], { dema: 0 })),
  spec('tema:20', ref('TEMA', C, [20], { tema: 0 })),
  spec('trima:20', ref('TRIMA', C, [20], { trima: 0 })),
  spec('trima:15', ref('TRIMA', C, [15], { trima: 0 })),
  spec('kama:10', ref('KAMA', C, [10], { kama: 0 })),
  spec('kama:30', ref('KAMA', C, [30], { kama: 0 })),
  spec('t3:5', ref('T3', C, [5, 0.7], { t3: 0 })),
  spec('t3:8,0.5', ref('T3', C, [8, 0.5], { t3: 0 })),
  spec(
    'linreg:14',
    ref('LINEARREG', C, [14], { value: 0 }),
    ref('LINEARREG_SLOPE', C, [14], { slope: 0 }),
    ref('LINEARREG_INTERCEPT', C, [14], { intercept: 0 }),
  ),
  spec('psar:0.02,0.2', ref('SAR', HL, [0.02, 0.2], { psar: 0 })),
  spec('psar:0.01,0.1', ref('SAR', HL, [0.01, 0.1], { psar: 0 })),
  spec(
    'adx:14',
    ref('ADX', HLC, [14], { adx: 0 }),
    ref('PLUS_DI', HLC, [14], { plus_di: 0 }),
    ref('MINUS_DI', HLC, [14], { minus_di: 0 }),
  ),
  spec('adx:5', ref('ADX', HLC, [5], { adx: 0 }), ref('PLUS_DI', HLC, [5], { plus_di: 0 })),
  spec('aroon:14', ref('AROON', HL, [14], { down: 0, up: 1 }), ref('AROONOSC', HL, [14], { osc: 0 })),
  spec('aroon:25', ref('AROON', HL, [25], { down: 0, up: 1 })),
  spec(
    'donchian:20',
    ref('MIDPRICE', HL, [20], { middle: 0 }),
    ref('MAX', ['high'], [20], { upper: 0 }),
    ref('MIN', ['low'], [20], { lower: 0 }),
  ),
  spec('rsi:14', ref('RSI', C, [14], { rsi: 0 })),
  spec('rsi:5', ref('RSI', C, [5], { rsi: 0 })),
  spec('stoch:14,3,3', ref('STOCH', HLC, [14, 3, 0, 3, 0], { k: 0, d: 1 })),
  spec('stoch:5,1,3', ref('STOCH', HLC, [5, 1, 0, 3, 0], { k: 0, d: 1 })),
  // Where the RSI window has no range beyond rounding noise (unchanged closes keep RSI constant),
  // TA-Lib scales that noise to 0 or 100; we report 50. Those bars are skipped.
  {
    ...spec('stochrsi:14,14,1,3', ref('STOCHRSI', C, [14, 14, 3, 0], { k: 0, d: 1 })),
    skip: flatRsiWindows(14, 14, 3),
  },
  { ...spec('stochrsi:14,5,1,3', ref('STOCHRSI', C, [14, 5, 3, 0], { k: 0, d: 1 })), skip: flatRsiWindows(14, 5, 3) },
  spec('roc:10', ref('ROC', C, [10], { roc: 0 })),
  spec('mom:10', ref('MOM', C, [10], { mom: 0 })),
  spec('willr:14', ref('WILLR', HLC, [14], { willr: 0 })),
  spec('cci:20', ref('CCI', HLC, [20], { cci: 0 })),
  spec('cci:5', ref('CCI', HLC, [5], { cci: 0 })),
  {
    name: 'macd:12,26,9 (talib seeding)',
    make: () => streamingIndicator('macd', ['macd', 'signal', 'histogram'], macdCore(12, 26, 9, 'talib')),
    refs: [ref('MACD', C, [12, 26, 9], { macd: 0, signal: 1, histogram: 2 })],
  },
  {
    name: 'macd:5,35,5 (talib seeding)',
    make: () => streamingIndicator('macd', ['macd', 'signal', 'histogram'], macdCore(5, 35, 5, 'talib')),
    refs: [ref('MACD', C, [5, 35, 5], { macd: 0, signal: 1, histogram: 2 })],
  },
  { ...spec('macd:12,26,9', ref('MACD', C, [12, 26, 9], { macd: 0, signal: 1, histogram: 2 })), burnIn: 300 },
  // TA-Lib's PPO line starts on the slow EMA's first bar; ours waits for the signal line too.
  { ...spec('ppo:12,26,9', ref('PPO', C, [12, 26, 1], { ppo: 0 })), startsAt: 25 },
  { ...spec('ppo:5,35,5', ref('PPO', C, [5, 35, 1], { ppo: 0 })), startsAt: 34 },
  spec('trix:15', ref('TRIX', C, [15], { trix: 0 })),
  spec('ultosc:7,14,28', ref('ULTOSC', HLC, [7, 14, 28], { ultosc: 0 })),
  spec('mfi:14', ref('MFI', HLCV, [14], { mfi: 0 })),
  spec('bop', ref('BOP', ['open', 'high', 'low', 'close'], [], { bop: 0 })),
  spec('atr:14', ref('ATR', HLC, [14], { atr: 0 })),
  spec('atr:5', ref('ATR', HLC, [5], { atr: 0 })),
  spec('natr:14', ref('NATR', HLC, [14], { natr: 0 })),
  spec('tr', ref('TRANGE', HLC, [], { tr: 0 })),
  // TA-Lib's STDDEV subtracts running sums of squares (~1e10 at these prices) and keeps ~9 digits;
  // ours is two-pass. The exact-arithmetic test below shows which one is right.
  { ...spec('stddev:20', ref('STDDEV', C, [20, 1], { stddev: 0 })), rel: 1e-7 },
  spec('bb:20,2', ref('BBANDS', C, [20, 2, 2, 0], { upper: 0, middle: 1, lower: 2 })),
  spec('bb:10,1.5', ref('BBANDS', C, [10, 1.5, 1.5, 0], { upper: 0, middle: 1, lower: 2 })),
  spec('obv', ref('OBV', ['close', 'volume'], [], { obv: 0 })),
  spec('ad', ref('AD', HLCV, [], { ad: 0 })),
  spec('adosc:3,10', ref('ADOSC', HLCV, [3, 10], { adosc: 0 })),
];

const SERIES: Readonly<Record<string, readonly BarInput[]>> = {
  'BTC-like 1m, 2500 bars': syntheticBars({ bars: 2500, seed: 42 }),
  'small-cap 1m, 2500 bars': syntheticBars({
    bars: 2500,
    seed: 43,
    startPrice: 0.05123,
    tick: 0.00001,
    volumeScale: 2e6,
  }),
};

let talib: Talib;
beforeAll(async () => {
  talib = await loadTalib();
});

function column(bars: readonly BarInput[], field: Field): number[] {
  return bars.map((bar) => bar[field]);
}

function within(actual: number, expected: number, rel = REL, typical = 1): boolean {
  return Math.abs(actual - expected) <= rel * Math.max(Math.abs(expected), Math.min(1, typical));
}

function medianAbs(values: readonly (number | null)[]): number {
  const sorted = values
    .filter((v): v is number => v !== null)
    .map(Math.abs)
    .sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 1;
}

/** Bars whose StochRSI window (or the %D window over it) has an RSI range of rounding noise only. */
function flatRsiWindows(rsiPeriod: number, stochPeriod: number, dPeriod: number) {
  return (bars: readonly BarInput[]) => {
    const [rsi] = talib.call('RSI', [column(bars, 'close')], [rsiPeriod], 1) as [(number | null)[]];
    const flat = rsi.map((_, i) => {
      const window = rsi.slice(Math.max(0, i - stochPeriod + 1), i + 1).filter((v): v is number => v !== null);
      return window.length === stochPeriod && Math.max(...window) - Math.min(...window) <= 1e-8;
    });
    return (i: number, output: string) =>
      output === 'k' ? (flat[i] as boolean) : flat.slice(Math.max(0, i - dPeriod + 1), i + 1).some(Boolean);
  };
}

describe.each(Object.entries(SERIES))('TA-Lib reference on %s', (_, bars) => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    const indicator = testCase.make();
    const ours = bars.map((bar) => indicator.add(bar));
    const from = Math.max(indicator.warmup, testCase.burnIn ?? 0);
    const problems: string[] = [];
    testCase.refs.forEach((reference, r) => {
      const results = talib.call(
        reference.fn,
        reference.inputs.map((field) => column(bars, field)),
        reference.options,
        Math.max(...Object.values(reference.outputs)) + 1,
      );
      if (r === 0 && testCase.burnIn === undefined) {
        const first = (results[0] as (number | null)[]).findIndex((v) => v !== null);
        const expectedFirst = testCase.startsAt ?? indicator.warmup;
        if (first !== expectedFirst)
          problems.push(`TA-Lib ${reference.fn} starts at ${first}, expected ${expectedFirst}`);
      }
      const skip = testCase.skip?.(bars);
      for (const [output, index] of Object.entries(reference.outputs)) {
        const expected = results[index] as (number | null)[];
        const typical = medianAbs(expected);
        for (let i = from; i < bars.length && problems.length < 5; i++) {
          if (skip?.(i, output)) continue;
          const e = expected[i];
          const a = ours[i]?.[output];
          if (e === null || e === undefined || a === undefined || !within(a, e, testCase.rel, typical)) {
            problems.push(`${output} bar ${i}: ours ${a}, TA-Lib ${reference.fn} ${e}`);
          }
        }
      }
    });
    expect(problems).toEqual([]);
  });

  it('stddev matches exact rational arithmetic to 1e-12 (and TA-Lib only to ~1e-9)', () => {
    // Prices sit on a tick grid, so tick multiples are exact integers: N·Σx² − (Σx)² in BigInt.
    const tick = bars === SERIES['BTC-like 1m, 2500 bars'] ? 0.01 : 0.00001;
    const units = bars.map((bar) => BigInt(Math.round(bar.close / tick)));
    const stddev = createIndicator('stddev', [20]);
    const [reference] = talib.call('STDDEV', [column(bars, 'close')], [20, 1], 1) as [(number | null)[]];
    let worstOurs = 0;
    let worstTalib = 0;
    bars.forEach((bar, i) => {
      const ours = stddev.add(bar)?.stddev;
      if (ours === undefined) return;
      const window = units.slice(i - 19, i + 1);
      const s1 = window.reduce((a, b) => a + b, 0n);
      const s2 = window.reduce((a, b) => a + b * b, 0n);
      const exact = (Math.sqrt(Number(20n * s2 - s1 * s1)) / 20) * tick;
      worstOurs = Math.max(worstOurs, Math.abs(ours - exact) / exact);
      worstTalib = Math.max(worstTalib, Math.abs((reference[i] as number) - exact) / exact);
    });
    expect(worstOurs).toBeLessThan(1e-12);
    expect(worstTalib).toBeGreaterThan(worstOurs);
  });

  it('CMO: TA-Lib smooths like RSI (CMO = 2·RSI − 100); we keep Chande’s sums, equal only on the first value', () => {
    const cmo = createIndicator('cmo', [14]);
    const rsi = createIndicator('rsi', [14]);
    const ours = bars.map((bar) => cmo.add(bar)?.cmo ?? null);
    const ourRsi = bars.map((bar) => rsi.add(bar)?.rsi ?? null);
    const [reference] = talib.call('CMO', [column(bars, 'close')], [14], 1) as [(number | null)[]];
    expect(within(ours[14] as number, reference[14] as number)).toBe(true);
    for (let i = 14; i < bars.length; i++)
      expect(within(2 * (ourRsi[i] as number) - 100, reference[i] as number)).toBe(true);
    expect(ours.some((v, i) => i > 14 && !within(v as number, reference[i] as number))).toBe(true);
  });
});
