import { gaussian, mulberry32 } from '../../../src/core/demo/rng';
import type { ForecastBar } from '../../../src/core/models/forecast/forecaster';
import { createRegimeFilter, fitRegimeModel, RegimeFeatures, type RegimeModel } from '../../../src/core/models/regimes';
import { createSignalEngine } from '../../../src/core/models/signals';
import { createIndicatorFromSpec } from '../../../src/core/indicators/registry';
import type { BenchPair } from '../benchmark';

/**
 * regime-filter and signal-decision: the per-bar online cost of the regime HMM (forward step) and
 * of the decision layer, on 20,000 seeded 1m-like bars whose volatility switches regime every 500
 * bars. The HMM (2 states) is fitted once in setup on the first 5,000 bars (not timed).
 */
const BARS = 20_000;

let bars: ForecastBar[] = [];
let model: RegimeModel | null = null;
let sink = 0;

function setup(): void {
  if (bars.length > 0) return;
  const random = mulberry32(17);
  let close = 30_000;
  bars = [...Array(BARS).keys()].map((i) => {
    const sd = Math.floor(i / 500) % 2 === 0 ? 0.0006 : 0.002;
    const open = close;
    close = open * Math.exp(sd * gaussian(random));
    const high = Math.max(open, close) * (1 + sd * 0.5 * Math.abs(gaussian(random)));
    const low = Math.min(open, close) * (1 - sd * 0.5 * Math.abs(gaussian(random)));
    return { openTimeMs: 1_700_000_000_000 + i * 60_000, open, high, low, close, volume: 1 };
  });
  model = fitRegimeModel(bars.slice(0, 5000), { states: 2, seed: 1, starts: 2 }).model;
}

export const regimeFilterBench: BenchPair = {
  name: 'regime-filter',
  description:
    'Regime HMM online, per bar: features + one forward step of the fitted 2-state Gaussian HMM vs the features alone (log return, realised volatility); ops = bars',
  setup,
  baseline: {
    name: 'features only',
    unit: 'bars',
    run() {
      const features = new RegimeFeatures();
      for (const bar of bars) sink += features.observe(bar)?.[1] ?? 0;
      return bars.length;
    },
  },
  subject: {
    name: 'features + forward filter',
    unit: 'bars',
    run() {
      const filter = createRegimeFilter(model as RegimeModel);
      for (const bar of bars) sink += filter.observe(bar)?.state ?? 0;
      return bars.length;
    },
  },
};

export const signalDecisionBench: BenchPair = {
  name: 'signal-decision',
  description:
    'Decision layer per bar: indicators + evidence + outcome judging + calibration + levels (with the regime input) vs the same four indicators alone (atr 14, rsi 14, ema 12, ema 48); ops = bars',
  setup,
  baseline: {
    name: 'indicators only',
    unit: 'bars',
    run() {
      const specs = ['atr:14', 'rsi:14', 'ema:12', 'ema:48'].map((s) => createIndicatorFromSpec(s));
      for (const bar of bars) {
        const input = { timeMs: bar.openTimeMs, ...bar };
        for (const indicator of specs) sink += indicator.add(input) === null ? 0 : 1;
      }
      return bars.length;
    },
  },
  subject: {
    name: 'signal engine + regime filter',
    unit: 'bars',
    run() {
      const engine = createSignalEngine();
      const filter = createRegimeFilter(model as RegimeModel);
      const meanReturns = (model as RegimeModel).hmm.means.map((m) => m[0] as number);
      for (const bar of bars) {
        const state = filter.observe(bar);
        sink += engine.observe(bar, state === null ? {} : { regime: { state, meanReturns } }).confidence;
      }
      return bars.length;
    },
  },
};

/** Keeps the loops' results alive (never read). */
export const regimesSignalsCheck = () => sink;
