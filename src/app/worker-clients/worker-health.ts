/** The feed worker's code could not be loaded or never answered: a reload fetches it again. */
export class WorkerLoadError extends Error {
  constructor(detail: string) {
    super(`Couldn't load the feed (${detail})`);
    this.name = 'WorkerLoadError';
  }
}

/** A loaded worker answers a first call within milliseconds; this is slack for a busy machine. */
export const FIRST_ANSWER_MS = 20_000;

/**
 * Settles with a WorkerLoadError when the worker's script fails to load (a chunk a newer deploy
 * removed answers 404; the Worker fires `error`) — comlink calls to such a worker never resolve.
 */
export function workerFailure(worker: Worker): Promise<never> {
  return new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      // An exception thrown inside a running worker is an ErrorEvent (and is logged as usual);
      // a script that failed to load or parse is a plain Event.
      if (typeof ErrorEvent !== 'undefined' && event instanceof ErrorEvent && event.message !== '') return;
      event.preventDefault();
      reject(new WorkerLoadError('its script did not load'));
    });
  });
}

/** `call` unless the worker fails first, or gives no answer at all within `timeoutMs`. */
export async function withinWorker<T>(call: Promise<T>, failure: Promise<never>, timeoutMs?: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout =
    timeoutMs === undefined
      ? null
      : new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new WorkerLoadError(`no answer in ${timeoutMs / 1000} s`)), timeoutMs);
        });
  try {
    return await Promise.race(timeout === null ? [call, failure] : [call, failure, timeout]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
