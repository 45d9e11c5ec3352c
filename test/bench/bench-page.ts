import { wrap } from 'comlink';
import type { BenchWorkerApi } from './bench.worker';

/** The page only starts the worker; every benchmark runs off the main thread, as the app does. */
const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
const bench = wrap<BenchWorkerApi>(worker);

Object.assign(globalThis, { bench });
document.body.dataset['ready'] = 'true';
