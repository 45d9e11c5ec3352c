/// <reference lib="webworker" />
import { expose } from 'comlink';
import { barSampleFromCandle } from '../../src/core/models/anomaly';
import { MarketAutoencoder, windowsOf } from '../../src/core/models/market-autoencoder';
import { createForecasters } from '../../src/core/models/forecast';
import { toForecastBar } from '../../src/core/models/forecasting/forecast-service';
import { setUpBackend } from '../../workers/model/tf-backend';
import { benchCandles } from './benchmarks/bench-candles';

/** Trains the models as the model worker does, for the page to watch its own main thread meanwhile. */
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
  /** Fits the tapewatch forecaster on `bars` 1m bars as the forecast worker does. */
  async fitForecaster(bars: number): Promise<string> {
    const { backend } = await setUpBackend();
    const [model] = createForecasters(['tapewatch'], 7);
    await model?.fit(benchCandles(bars).map(toForecastBar));
    model?.dispose();
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
