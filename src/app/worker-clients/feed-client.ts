import { proxy, wrap, type Remote } from 'comlink';
import type { FeedBatch, FeedConfig } from '../../core/feed/feed-controller';
import type { FeedWorkerApi } from '../../../workers/feed.worker';

/** Page-side bridge to the feed worker; the worker's code never enters the page bundle. */
export class FeedClient {
  private readonly worker: Worker;
  readonly api: Remote<FeedWorkerApi>;

  constructor() {
    this.worker = new Worker(new URL('../../../workers/feed.worker.ts', import.meta.url), {
      type: 'module',
      name: 'tapewatch-feed',
    });
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

  async start(config: FeedConfig, onBatch: (batch: FeedBatch) => void): Promise<void> {
    await this.api.start(config, proxy(onBatch));
    if (!navigator.onLine) await this.api.network('offline');
  }
}
