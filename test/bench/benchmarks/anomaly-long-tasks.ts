import { wrap, type Remote } from 'comlink';
import type { AnomalyTrainWorkerApi } from '../anomaly-train.worker';
import type { BenchPair } from '../benchmark';

const BARS = 43_200;
const EPOCHS = 6;

let worker: Remote<AnomalyTrainWorkerApi> | null = null;
let trainMs = 5_000;
let backend = '?';
const longTasks = { baseline: [] as number[], subject: [] as number[] };
/** Longest long task seen on each side, ms. */
const longest = { baseline: 0, subject: 0 };

/** Long tasks (> 50 ms) on this page while `work` runs, with a frame loop running meanwhile. */
async function watch(work: () => Promise<unknown>, side: 'baseline' | 'subject'): Promise<number> {
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
  longTasks[side].push(seen.length);
  longest[side] = Math.max(longest[side], ...seen, 0);
  return 1;
}

/**
 * The page's main thread while the model worker trains on 30 days of 1m bars: long tasks
 * (> 50 ms) counted by a PerformanceObserver, against the same page while the worker spins on plain
 * JavaScript as long (the CPU share alone: on a loaded 2-core machine that starves the page too).
 */
export const anomalyTrainLongTasks: BenchPair = {
  name: 'anomaly-train-long-tasks',
  get description() {
    const max = (xs: number[]) => (xs.length === 0 ? '?' : String(Math.max(...xs)));
    return `main-thread long tasks > 50 ms while the worker trains on ${BARS.toLocaleString('en-US')} bars (${backend}): worker busy with plain JS ${max(longTasks.baseline)} (longest ${longest.baseline.toFixed(0)} ms), training ${max(longTasks.subject)} (longest ${longest.subject.toFixed(0)} ms) (target 0)`;
  },
  maxRuns: 2,
  async setup() {
    worker ??= wrap<AnomalyTrainWorkerApi>(
      new Worker(new URL('../anomaly-train.worker.ts', import.meta.url), { type: 'module' }),
    );
    const t0 = performance.now();
    backend = await worker.train(2_000, 1);
    trainMs = Math.max(1_000, (performance.now() - t0) * 10);
  },
  baseline: { name: 'worker busy (plain JS)', unit: 'runs', run: () => watch(() => worker!.spin(trainMs), 'baseline') },
  subject: {
    name: 'worker training',
    unit: 'runs',
    run: () => watch(() => worker!.train(BARS, EPOCHS), 'subject'),
  },
};
