import { wrap } from 'comlink';
import type { BenchWorkerApi } from './bench.worker';
import { measure } from './benchmark';
import { PAGE_BENCHMARKS } from './page-benchmarks';

/** The page only starts the worker; every benchmark runs off the main thread, as the app does. */
const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
const bench = wrap<BenchWorkerApi>(worker);

const benchPage = {
  names: () => PAGE_BENCHMARKS.map((b) => b.name),
  run(name: string, runs: number) {
    const pair = PAGE_BENCHMARKS.find((b) => b.name === name);
    if (pair === undefined) throw new Error(`no page benchmark ${name}`);
    return measure(pair, runs);
  },
};

Object.assign(globalThis, { bench, benchPage });
document.body.dataset['ready'] = 'true';
