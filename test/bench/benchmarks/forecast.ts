import * as tf from '@tensorflow/tfjs-core';
import {
  createForecasters,
  type ForecastBar,
  type Forecaster,
  type ForecasterOptions,
} from '../../../src/core/models/forecast';
import { setUpBackend } from '../../../workers/model/tf-backend';
import { toForecastBar } from '../../../src/core/models/forecasting/forecast-service';
import type { BenchPair } from '../benchmark';
import { benchCandles } from './bench-candles';
import { TapewatchDb } from '../../../src/data/db';
import { dexieNetworkWeights } from '../../../workers/model/network-weights-port';

/**
 * Forecasting benchmarks on 7,000 synthetic 1m bars (`benchCandles`, a seeded random walk):
 * ARIMA fitting on 5,000 of them, and inference per bar (observe the bar, forecast 1..10) for
 * ARIMA and the tapewatch MLP, each against persistence (the same calibrated wrapper, the same
 * volatility model and conformal recalibration, with no model of its own) in the same run.
 */
const FIT_BARS = 5_000;
const INFERRED = 2_000;
/** Steps walked by the tensor count check (observe + forecast 1..10 each). */
const TENSOR_STEPS = 10_000;
/** 30 days of 1m bars, the training set of the training-time row. */
const MONTH = 43_200;
let _sink = 0;
let backend = 'not set up';
const bars: ForecastBar[] = benchCandles(FIT_BARS + TENSOR_STEPS).map(toForecastBar);
const history = bars.slice(0, FIT_BARS);
const fitted = new Map<string, Forecaster>();

async function fittedModel(name: 'persistence' | 'arima' | 'tapewatch'): Promise<Forecaster> {
  if (backend === 'not set up') {
    const r = await setUpBackend();
    backend = r.note === null ? r.backend : `${r.backend} (${r.note})`;
  }
  let model = fitted.get(name);
  if (model === undefined) {
    model = (createForecasters([name], 7) as [Forecaster])[0];
    await model.fit(history);
    fitted.set(name, model);
  }
  return model;
}

/** A fresh model of `name` fitted on `on`, then released; returns how the fit got its parameters. */
async function fitOnce(
  name: 'persistence' | 'arima' | 'tapewatch',
  on: readonly ForecastBar[],
  options: ForecasterOptions = {},
): Promise<string | null> {
  const [model] = createForecasters([name], 7, options) as [Forecaster];
  await model.fit(on);
  const provenance = (model as { provenance?: string | null }).provenance ?? null;
  model.dispose();
  return provenance;
}

/** Observe then forecast 10 bars ahead, bar by bar; a fresh copy each run would refit, so the same model walks on. */
function infer(model: Forecaster): number {
  for (let i = 0; i < INFERRED; i++) {
    model.observe(bars[FIT_BARS + i] as ForecastBar);
    _sink += (model.forecast(10)[0] as { close: number }).close;
  }
  return INFERRED;
}

export const forecastArimaFit: BenchPair = {
  name: 'forecast-arima-fit',
  description: `ARIMA(p,1,q) order search (AIC, p ≤ 2, q ≤ 1) and fit on ${FIT_BARS.toLocaleString('en-US')} 1m bars, then the calibration replay; baseline: persistence's fit (volatility fit and the same replay)`,
  maxRuns: 3,
  baseline: {
    name: 'persistence fit',
    unit: 'bars',
    async run() {
      await fitOnce('persistence', history);
      return FIT_BARS;
    },
  },
  subject: {
    name: 'arima fit',
    unit: 'bars',
    async run() {
      await fitOnce('arima', history);
      return FIT_BARS;
    },
  },
};

export const forecastArimaInference: BenchPair = {
  name: 'forecast-arima-inference',
  description: `ARIMA per bar: Kalman update and a 1..10-bar forecast with recalibrated intervals, ${INFERRED.toLocaleString('en-US')} bars (target ≤ 2 ms a bar)`,
  absoluteTargetMs: INFERRED * 2,
  async setup() {
    await fittedModel('persistence');
    await fittedModel('arima');
  },
  baseline: { name: 'persistence', unit: 'bars', run: () => infer(fitted.get('persistence') as Forecaster) },
  subject: { name: 'arima', unit: 'bars', run: () => infer(fitted.get('arima') as Forecaster) },
};

let tensorsBefore: number | null = null;
let tensorsAfter: number | null = null;

export const forecastTapewatchInference: BenchPair = {
  name: 'forecast-tapewatch-inference',
  get description() {
    return `tapewatch quantile MLP per bar on ${backend}: features, one forward pass, a 1..10-bar forecast, ${INFERRED.toLocaleString('en-US')} bars (target ≤ 2 ms a bar); tensors before ${tensorsBefore ?? '?'}, after ${tensorsAfter ?? '?'}`;
  },
  absoluteTargetMs: INFERRED * 2,
  maxRuns: 5,
  async setup() {
    await fittedModel('persistence');
    await fittedModel('tapewatch');
  },
  baseline: { name: 'persistence', unit: 'bars', run: () => infer(fitted.get('persistence') as Forecaster) },
  subject: {
    name: 'tapewatch',
    unit: 'bars',
    run() {
      tensorsBefore = tf.memory().numTensors;
      const n = infer(fitted.get('tapewatch') as Forecaster);
      tensorsAfter = tf.memory().numTensors;
      if (tensorsAfter !== tensorsBefore) throw new Error(`tensor leak: ${tensorsBefore} → ${tensorsAfter}`);
      return n;
    },
  },
};

let stepsBefore: number | null = null;
let stepsAfter: number | null = null;

/** Walks `steps` bars past the fit: observe, then forecast 1..10. */
function walk(model: Forecaster, steps: number): number {
  for (let i = 0; i < steps; i++) {
    model.observe(bars[FIT_BARS + i] as ForecastBar);
    _sink += (model.forecast(10)[0] as { close: number }).close;
  }
  return steps;
}

/** Tensors alive around 10,000 scoring steps of the network: the count must not move (no leak). */
export const forecastTensors: BenchPair = {
  name: 'forecast-tensors',
  get description() {
    return `tf.memory().numTensors around ${TENSOR_STEPS.toLocaleString('en-US')} tapewatch steps (observe, forecast 1..10) on ${backend}: before ${stepsBefore ?? '?'}, after ${stepsAfter ?? '?'} (flat = no leak); baseline persistence`;
  },
  maxRuns: 2,
  async setup() {
    await fittedModel('persistence');
    await fittedModel('tapewatch');
  },
  baseline: {
    name: 'persistence',
    unit: 'steps',
    run: () => walk(fitted.get('persistence') as Forecaster, TENSOR_STEPS),
  },
  subject: {
    name: 'tapewatch',
    unit: 'steps',
    run() {
      stepsBefore = tf.memory().numTensors;
      const n = walk(fitted.get('tapewatch') as Forecaster, TENSOR_STEPS);
      stepsAfter = tf.memory().numTensors;
      if (stepsAfter !== stepsBefore) throw new Error(`tensor leak: ${stepsBefore} → ${stepsAfter}`);
      return n;
    },
  },
};

const month = benchCandles(MONTH).map(toForecastBar);
let trainTensors = '';

/** Fitting the network on 30 days of 1m bars, against persistence's fit (volatility and calibration replay) on them. */
export const forecastTraining: BenchPair = {
  name: 'forecast-training-30d',
  get description() {
    return `tapewatch fit on ${MONTH.toLocaleString('en-US')} 1m bars (30 days: features, training, calibration replay) on ${backend}${trainTensors}; baseline: persistence's fit on the same bars`;
  },
  maxRuns: 2,
  async setup() {
    await fittedModel('persistence');
  },
  baseline: {
    name: 'persistence fit',
    unit: 'fits',
    async run() {
      await fitOnce('persistence', month);
      return 1;
    },
  },
  subject: {
    name: 'tapewatch fit',
    unit: 'fits',
    async run() {
      const before = tf.memory().numTensors;
      await fitOnce('tapewatch', month);
      const after = tf.memory().numTensors;
      trainTensors = `; tensors ${before} → ${after} after dispose`;
      if (after !== before) throw new Error(`training left tensors behind: ${before} → ${after}`);
      return 1;
    },
  },
};

/** The desk's fitting part of a series shown again (1,500 stored bars less the 200 scored). */
const REUSE_BARS = 1_300;
const reuseHistory = bars.slice(0, REUSE_BARS);
const REUSE_SERIES = { venue: 'binance-spot', symbol: 'BENCHUSDT', timeframe: '1m' } as const;
let reuseDb: TapewatchDb | null = null;

function reuseWeights() {
  reuseDb ??= new TapewatchDb(`bench-network-${Date.now()}`);
  return dexieNetworkWeights(reuseDb, REUSE_SERIES, () => backend);
}

/**
 * A series shown again: the tapewatch network read back from IndexedDB (the app's own Dexie
 * store and TF.js handler) vs trained on the same bars. Both sides include what the calibrated
 * wrapper does on every fit (volatility fit and calibration replay).
 */
export const forecastNetworkReuse: BenchPair = {
  name: 'forecast-network-reuse',
  get description() {
    return `tapewatch fit of a series shown again, ${REUSE_BARS.toLocaleString('en-US')} 1m bars on ${backend}: its stored network read from IndexedDB vs trained (baseline)`;
  },
  maxRuns: 3,
  async setup() {
    await fittedModel('persistence');
    await fitOnce('tapewatch', reuseHistory, { network: reuseWeights() });
  },
  baseline: {
    name: 'trained',
    unit: 'fits',
    async run() {
      await fitOnce('tapewatch', reuseHistory);
      return 1;
    },
  },
  subject: {
    name: 'read from IndexedDB',
    unit: 'fits',
    async run() {
      const provenance = (await fitOnce('tapewatch', reuseHistory, { network: reuseWeights() })) ?? '';
      if (!provenance.startsWith('stored network')) throw new Error(`the stored network was not reused: ${provenance}`);
      return 1;
    },
  },
};

export const forecastBenchmarks: readonly BenchPair[] = [
  forecastArimaFit,
  forecastArimaInference,
  forecastTapewatchInference,
  forecastTensors,
  forecastTraining,
  forecastNetworkReuse,
];
