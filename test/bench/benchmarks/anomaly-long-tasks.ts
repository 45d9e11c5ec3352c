import { wrap, type Remote } from 'comlink';
import type { AnomalyTrainWorkerApi } from '../anomaly-train.worker';
import type { BenchPair } from '../benchmark';

const BARS = 43_200;
const EPOCHS = 6;

let worker: Remote<AnomalyTrainWorkerApi> | null = null;

function trainWorker(): Remote<AnomalyTrainWorkerApi> {
  return (worker ??= wrap<AnomalyTrainWorkerApi>(
    new Worker(new URL('../anomaly-train.worker.ts', import.meta.url), { type: 'module' }),
  ));
}

/** Long tasks (> 50 ms) on this page while `work` runs, with a frame loop running meanwhile. */
async function watch(work: () => Promise<unknown>): Promise<number[]> {
  const seen: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) seen.push(e.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  let running = true;
  const loop = () => {
    if (running) requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  await work();
  running = false;
  // Entries are delivered asynchronously.
  await new Promise((r) => setTimeout(r, 100));
  observer.disconnect();
  return seen;
}

/**
 * The page's main thread while a model trains in a worker on 30 days of 1m bars: long tasks
 * (> 50 ms) counted by a PerformanceObserver, against the same page while the worker spins on plain
 * JavaScript as long (the CPU share alone: on a loaded 2-core machine that starves the page too).
 * `calibrate` trains once on a small set; the baseline spins ten times that long.
 */
function trainLongTasks(
  name: string,
  what: string,
  calibrate: (w: Remote<AnomalyTrainWorkerApi>) => Promise<string>,
  train: (w: Remote<AnomalyTrainWorkerApi>) => Promise<unknown>,
): BenchPair {
  let trainMs = 5_000;
  let backend = '?';
  const counts = { baseline: [] as number[], subject: [] as number[] };
  const longest = { baseline: 0, subject: 0 };
  const side = (key: 'baseline' | 'subject', work: () => Promise<unknown>) => async () => {
    const seen = await watch(work);
    counts[key].push(seen.length);
    longest[key] = Math.max(longest[key], ...seen, 0);
    return 1;
  };
  const max = (xs: number[]) => (xs.length === 0 ? '?' : String(Math.max(...xs)));
  return {
    name,
    get description() {
      return `main-thread long tasks > 50 ms while the worker ${what} (${backend}): worker busy with plain JS ${max(counts.baseline)} (longest ${longest.baseline.toFixed(0)} ms), training ${max(counts.subject)} (longest ${longest.subject.toFixed(0)} ms) (target 0)`;
    },
    maxRuns: 2,
    async setup() {
      const t0 = performance.now();
      backend = await calibrate(trainWorker());
      trainMs = Math.max(1_000, (performance.now() - t0) * 10);
    },
    baseline: {
      name: 'worker busy (plain JS)',
      unit: 'runs',
      run: side('baseline', () => trainWorker().spin(trainMs)),
    },
    subject: { name: 'worker training', unit: 'runs', run: side('subject', () => train(trainWorker())) },
  };
}

export const anomalyTrainLongTasks = trainLongTasks(
  'anomaly-train-long-tasks',
  `trains the anomaly autoencoder on ${BARS.toLocaleString('en-US')} bars`,
  (w) => w.train(2_000, 1),
  (w) => w.train(BARS, EPOCHS),
);

export const forecastTrainLongTasks = trainLongTasks(
  'forecast-train-long-tasks',
  `fits the tapewatch forecaster on ${BARS.toLocaleString('en-US')} bars`,
  (w) => w.fitForecaster(4_320),
  (w) => w.fitForecaster(BARS),
);
