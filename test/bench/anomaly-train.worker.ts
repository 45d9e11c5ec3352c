/// <reference lib="webworker" />
import { expose } from 'comlink';
import { barSampleFromCandle } from '../../src/core/models/anomaly';
import { MarketAutoencoder, windowsOf } from '../../src/core/models/market-autoencoder';
import { setUpBackend } from '../../workers/model/tf-backend';
import { benchCandles } from './benchmarks/bench-candles';

/** Trains the anomaly autoencoder as the model worker does, for the page to watch its own main thread meanwhile. */
const api = {
  async train(bars: number, epochs: number): Promise<string> {
    const { backend } = await setUpBackend();
    const ae = await MarketAutoencoder.train(windowsOf(benchCandles(bars).map((c) => barSampleFromCandle(c))), {
      epochs,
      batchSize: 256,
      seed: 7,
    });
    ae?.dispose();
    return backend;
  },
  /** Keeps this worker's thread busy with plain JavaScript (no TF.js) for `ms`: the CPU share alone. */
  async spin(ms: number): Promise<number> {
    const end = performance.now() + ms;
    let x = 0;
    while (performance.now() < end) for (let i = 0; i < 10_000; i++) x += Math.sqrt(i);
    return x;
  },
  /** Waits as long as a training would take, doing nothing. */
  async idle(ms: number): Promise<void> {
    await new Promise((r) => setTimeout(r, ms));
  },
};

export type AnomalyTrainWorkerApi = typeof api;
expose(api);
