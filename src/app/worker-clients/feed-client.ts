import { proxy, wrap, type Remote } from 'comlink';
import type { AnalyticsFrame } from '../../core/analytics/analytics-view';
import type { FeedBatch, FeedConfig } from '../../core/feed/feed-controller';
import type { FeedWorkerApi } from '../../../workers/feed.worker';
import { FIRST_ANSWER_MS, withinWorker, workerFailure } from './worker-health';
// Only the bundled worker's URL (a string): none of its code enters the page bundle.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import feedWorkerUrl from '../../../workers/feed.worker.ts?worker&url';

/**
 * The feed worker, started through a one-line blob module that imports it. A worker loaded from
 * its own URL takes its Content-Security-Policy from that response's headers only; a blob worker
 * inherits the page's, so the worker that opens the websockets is held to the page's exact
 * connect-src (venues, loopback, confirmed endpoints), not the server's broader one.
 */
function startFeedWorker(): Worker {
  const source = `import ${JSON.stringify(new URL(feedWorkerUrl, location.href).href)};\n`;
  const blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  // Not revoked: the worker's script fetch may still be pending, and the blob is a few bytes.
  return new Worker(blobUrl, { type: 'module', name: 'tapewatch-feed' });
}

let warm: FeedClient | null = null;

/** Page-side bridge to the feed worker; the worker's code never enters the page bundle. */
export class FeedClient {
  private readonly worker: Worker;
  readonly api: Remote<FeedWorkerApi>;
  /** Rejects if the worker's script fails to load. */
  private readonly failure: Promise<never>;
  private answered = false;

  /**
   * Starts loading the feed worker as soon as the page's connection policy is in place (a blob
   * worker inherits the policy it is created under, so never before): its script takes a few
   * hundred ms to load and compile, which then overlaps the rest of the page's start. The worker
   * opens no storage until `FeedClient.take` says which.
   */
  static warm(): void {
    warm ??= new FeedClient();
  }

  /**
   * A worker for this tab's feed: the one `warm` started, else a new one.
   * `memoryOnly`: the page has no storage, so the worker must keep none either.
   */
  static take(memoryOnly: boolean): FeedClient {
    const client = warm ?? new FeedClient();
    warm = null;
    void client.api.useStorage(memoryOnly);
    return client;
  }

  private constructor() {
    this.worker = startFeedWorker();
    this.failure = workerFailure(this.worker);
    this.failure.catch(() => undefined);
    this.api = wrap<FeedWorkerApi>(this.worker);
    // Write what is pending before the page goes away or is hidden (mobile may never return).
    addEventListener('pagehide', () => void this.api.flush());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void this.api.flush();
      else void this.api.network('visible');
    });
    addEventListener('online', () => void this.api.network('online'));
    addEventListener('offline', () => void this.api.network('offline'));
  }

  /**
   * Starts the feed; resolves with whether its storage persists. Rejects with a WorkerLoadError
   * when the worker never loads (instead of waiting forever on a call nobody receives).
   */
  async start(
    config: FeedConfig,
    onBatch: (batch: FeedBatch) => void,
    options: { memoryOnly: boolean },
  ): Promise<{ persistent: boolean }> {
    if (!this.answered) {
      await withinWorker(this.api.health(), this.failure, FIRST_ANSWER_MS);
      this.answered = true;
    }
    const started = await withinWorker(this.api.start(config, proxy(onBatch), options), this.failure);
    if (!navigator.onLine) await this.api.network('offline');
    return started;
  }

  /**
   * Follower mode: only the analytics stage runs, its frames go to `onFrame` (a comlink proxy).
   * Rejects like `start` when the worker never loads.
   */
  async follow(onFrame: ((frame: AnalyticsFrame) => void) & object): Promise<void> {
    if (!this.answered) {
      await withinWorker(this.api.health(), this.failure, FIRST_ANSWER_MS);
      this.answered = true;
    }
    await withinWorker(this.api.follow(onFrame), this.failure);
  }

  terminate(): void {
    this.worker.terminate();
  }
}
