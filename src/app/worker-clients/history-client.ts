import { wrap, type Remote } from 'comlink';
import type { HistoryWorkerApi } from '../../../workers/history.worker';

let remote: Remote<HistoryWorkerApi> | null = null;

/** The history worker (import, export, replay), started on first use. */
export function historyWorker(): Remote<HistoryWorkerApi> {
  remote ??= wrap<HistoryWorkerApi>(
    new Worker(new URL('../../../workers/history.worker.ts', import.meta.url), {
      type: 'module',
      name: 'tapewatch-history',
    }),
  );
  return remote;
}
