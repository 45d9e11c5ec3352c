import { proxy, wrap, type Remote } from 'comlink';
import type { AnalyticsFrame } from '../../core/analytics/analytics-view';
import type { FeedBatch, FeedConfig } from '../../core/feed/feed-controller';
import type { FeedWorkerApi } from '../../../workers/feed.worker';
import { FIRST_ANSWER_MS, withinWorker, workerFailure } from './worker-health';

/** Page-side bridge to the feed worker; the worker's code never enters the page bundle. */
export class FeedClient {
  private readonly worker: Worker;
  readonly api: Remote<FeedWorkerApi>;
  /** Rejects if the worker's script fails to load. */
  private readonly failure: Promise<never>;
  private answered = false;

  /** `memoryOnly`: the page has no storage, so the worker must keep none either. */
  constructor(memoryOnly: boolean) {
    this.worker = new Worker(new URL('../../../workers/feed.worker.ts', import.meta.url), {
      type: 'module',
      name: 'tapewatch-feed',
    });
    this.failure = workerFailure(this.worker);
    this.failure.catch(() => undefined);
    this.api = wrap<FeedWorkerApi>(this.worker);
    void this.api.useStorage(memoryOnly);
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
