import * as tf from '@tensorflow/tfjs-core';
import type { Candle } from '../../../src/core/candles/candle';
import { barSampleFromCandle, createBarAnomalyDetector, type BarSample } from '../../../src/core/models/anomaly';
import { FeatureWindow, MarketAutoencoder, windowsOf } from '../../../src/core/models/market-autoencoder';
import { fitNormaliser } from '../../../src/core/models/market-autoencoder/normaliser';
import { INPUT_SIZE } from '../../../src/core/models/market-autoencoder/window-features';
import { setUpBackend } from '../../../workers/model/tf-backend';
import type { BenchPair } from '../benchmark';
import { benchCandles } from './bench-candles';

/** 30 days of 1m bars: what one training run of the autoencoder may use. */
const MONTH = 43_200;
const SCORED = 10_000;

let candles: Candle[] = [];
let samples: BarSample[] = [];
let model: MarketAutoencoder | null = null;
let backend = 'not set up';
let sink = 0;

async function setup(): Promise<void> {
  if (candles.length !== MONTH) {
    candles = benchCandles(MONTH);
    samples = candles.map((c) => barSampleFromCandle(c));
  }
  if (backend === 'not set up') {
    const r = await setUpBackend();
    backend = r.note === null ? r.backend : `${r.backend} (${r.note})`;
  }
}

async function trainedModel(): Promise<MarketAutoencoder> {
  await setup();
  model ??= await MarketAutoencoder.train(windowsOf(samples.slice(0, 5_000)), { epochs: 2, batchSize: 256, seed: 7 });
  return model as MarketAutoencoder;
}

/** A plain EWMA z-score of log returns: the cheapest online detector, as the baseline. */
function ewmaZ(bars: readonly BarSample[]): number {
  let mean = 0;
  let variance = 1e-8;
  let previous = bars[0]?.close ?? 1;
  for (const b of bars) {
    const r = Math.log(b.close / previous);
    previous = b.close;
    const d = r - mean;
    mean += 0.05 * d;
    variance = 0.95 * (variance + 0.05 * d * d);
    sink += d / Math.sqrt(variance);
  }
  return bars.length;
}

/** Statistical scoring per bar in a worker (the bar ensemble of every feature) against an EWMA z-score. */
export const anomalyStatistical: BenchPair = {
  name: 'anomaly-statistical',
  description: `statistical anomaly scoring of ${SCORED.toLocaleString('en-US')} 1m bars in a worker (target ≤ 0.2 ms a bar)`,
  absoluteTargetMs: SCORED * 0.2,
  setup,
  baseline: { name: 'EWMA z of returns', unit: 'bars', run: () => ewmaZ(samples.slice(0, SCORED)) },
  subject: {
    name: 'bar ensemble (7 features)',
    unit: 'bars',
    run() {
      const detector = createBarAnomalyDetector({ likelihood: { learningPeriod: 120, estimationSamples: 120 } });
      for (let i = 0; i < SCORED; i++) sink += detector.update(samples[i] as BarSample).score;
      return SCORED;
    },
  },
};

const INFERRED = 2_000;
let tensorsAfter: number | null = null;
let tensorsBefore: number | null = null;

/** Autoencoder inference per bar (wasm when it starts) against moving the same input through a tensor alone. */
export const anomalyAutoencoderInference: BenchPair = {
  name: 'anomaly-autoencoder',
  get description() {
    return `autoencoder inference of ${INFERRED.toLocaleString('en-US')} bars, one at a time, on ${backend} (target ≤ 2 ms a bar)`;
  },
  absoluteTargetMs: INFERRED * 2,
  async setup() {
    await trainedModel();
  },
  baseline: {
    name: 'input tensor round trip',
    unit: 'bars',
    run() {
      const input = new Float32Array(INPUT_SIZE);
      for (let i = 0; i < INFERRED; i++) {
        input[0] = i;
        sink += tf.tidy(() => tf.tensor2d(input, [1, INPUT_SIZE]).dataSync()[0] as number);
      }
      return INFERRED;
    },
  },
  subject: {
    name: 'dense autoencoder 48-24-6-24-48',
    unit: 'bars',
    run() {
      const w = new FeatureWindow();
      const ae = model as MarketAutoencoder;
      let n = 0;
      for (const s of samples.slice(10_000, 10_000 + INFERRED + 7)) {
        w.push(s);
        const x = w.window();
        if (x === null) continue;
        sink += ae.score(x).score;
        n++;
      }
      return n;
    },
  },
};

/** Tensors alive after 10,000 scoring steps: must equal the count before (no leak). */
export const anomalyTensors: BenchPair = {
  name: 'anomaly-tensors',
  get description() {
    return `tf.memory().numTensors around ${SCORED.toLocaleString('en-US')} autoencoder scoring steps on ${backend}: before ${tensorsBefore ?? '?'}, after ${tensorsAfter ?? '?'} (flat = no leak)`;
  },
  async setup() {
    await trainedModel();
  },
  baseline: { name: 'statistics only', unit: 'bars', run: () => ewmaZ(samples.slice(0, SCORED)) },
  subject: {
    name: 'autoencoder scoring',
    unit: 'bars',
    run() {
      const w = new FeatureWindow();
      const ae = model as MarketAutoencoder;
      for (const s of samples.slice(0, 7)) w.push(s);
      tensorsBefore = tf.memory().numTensors;
      for (let i = 7; i < SCORED + 7; i++) {
        w.push(samples[i] as BarSample);
        sink += ae.score(w.window() as Float64Array).score;
      }
      tensorsAfter = tf.memory().numTensors;
      if (tensorsAfter !== tensorsBefore) throw new Error(`tensor leak: ${tensorsBefore} → ${tensorsAfter}`);
      return SCORED;
    },
  },
};

let lastLoss = NaN;

/** One training run on 30 days of 1m bars against preparing its data alone. */
export const anomalyTraining: BenchPair = {
  name: 'anomaly-training-30d',
  get description() {
    return `autoencoder training on ${MONTH.toLocaleString('en-US')} 1m bars (30 days; 6 epochs, batch 256) on ${backend}, final loss ${lastLoss.toFixed(3)} (target ≤ 60 s)`;
  },
  absoluteTargetMs: 60_000,
  maxRuns: 3,
  setup,
  baseline: {
    name: 'windows + normaliser only',
    unit: 'trainings',
    run() {
      const windows = windowsOf(samples);
      sink += fitNormaliser(windows, INPUT_SIZE).mean[0] as number;
      return 1;
    },
  },
  subject: {
    name: 'train',
    unit: 'trainings',
    async run() {
      const before = tf.memory().numTensors;
      const ae = await MarketAutoencoder.train(windowsOf(samples), {
        epochs: 6,
        batchSize: 256,
        seed: 7,
        onProgress: (p) => (lastLoss = p.loss),
      });
      ae?.dispose();
      if (tf.memory().numTensors !== before) throw new Error('training left tensors behind');
      return 1;
    },
  },
};

export const anomalyBenchmarks: readonly BenchPair[] = [
  anomalyStatistical,
  anomalyAutoencoderInference,
  anomalyTensors,
  anomalyTraining,
];

/** Keeps results observable, so no engine optimises the work away. */
export function anomalySink(): number {
  return sink;
}
