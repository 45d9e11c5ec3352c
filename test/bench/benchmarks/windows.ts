import { barFromCandle, type BarInput } from '../../../src/core/indicators/bar-input';
import { createIndicatorFromSpec } from '../../../src/core/indicators/registry';
import type { BenchPair } from '../benchmark';
import { benchCandles } from './bench-candles';

/** One year of 1m bars. */
const BARS = 525_600;

let bars: BarInput[] = [];
let sink = 0;

function setup(): void {
  if (bars.length !== BARS) bars = benchCandles(BARS).map(barFromCandle);
}

/**
 * The window the indicators used before: the last `size` values in an array that is pushed and
 * shifted, and handed out whole so every statistic rescans it. Kept here as the baseline.
 */
class ShiftingWindow {
  private readonly values: number[] = [];
  constructor(readonly size: number) {}
  full(x: number): readonly number[] | null {
    this.values.push(x);
    if (this.values.length > this.size) this.values.shift();
    return this.values.length === this.size ? this.values : null;
  }
}

function mean(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total / values.length;
}

function windowsPair(
  name: string,
  description: string,
  spec: string,
  baseline: (window: readonly number[], bar: BarInput) => number,
  input: (bar: BarInput) => number,
  output: string,
): BenchPair {
  const period = Number(spec.split(':')[1]);
  return {
    name,
    description,
    setup,
    baseline: {
      name: `shifting window ${spec}`,
      unit: 'bars',
      run() {
        const window = new ShiftingWindow(period);
        for (const bar of bars) {
          const values = window.full(input(bar));
          if (values !== null) sink += baseline(values, bar);
        }
        return bars.length;
      },
    },
    subject: {
      name: `streaming ${spec}`,
      unit: 'bars',
      run() {
        const indicator = createIndicatorFromSpec(spec);
        for (const bar of bars) {
          const value = indicator.add(bar);
          if (value !== null) sink += value[output] as number;
        }
        return bars.length;
      },
    },
  };
}

/** SMA with a 200,000-bar window over a year of 1m bars: running sum vs rescanning the window. */
export const windowsSma = windowsPair(
  'windows-sma',
  'sma:200000 over a year of 1m bars: O(1) running sum vs the old shifting window rescanned per bar',
  'sma:200000',
  (values) => mean(values),
  (bar) => bar.close,
  'sma',
);

/** Rolling max of highs (Donchian upper) with a 100,000-bar window: monotonic deque vs rescanning. */
export const windowsMax = windowsPair(
  'windows-max',
  'donchian:100000 upper (rolling max of highs) over a year of 1m bars: monotonic deque vs the old shifting window rescanned per bar',
  'donchian:100000',
  (values) => {
    let best = -Infinity;
    for (const v of values) if (v > best) best = v;
    return best;
  },
  (bar) => bar.high,
  'upper',
);

/** Rolling population stddev of close with a 100,000-bar window: sliding moments vs two-pass rescans. */
export const windowsStddev = windowsPair(
  'windows-stddev',
  'stddev:100000 over a year of 1m bars: sliding centred moments vs the old two-pass rescan of the shifting window',
  'stddev:100000',
  (values) => {
    const center = mean(values);
    let total = 0;
    for (const v of values) total += (v - center) * (v - center);
    return Math.sqrt(total / values.length);
  },
  (bar) => bar.close,
  'stddev',
);

export const windowBenchmarks: readonly BenchPair[] = [windowsSma, windowsMax, windowsStddev];

export function windowsSink(): number {
  return sink;
}
