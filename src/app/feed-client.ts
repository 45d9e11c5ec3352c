import { proxy, wrap, type Remote } from 'comlink';
import type { FeedBatch, FeedConfig } from '../core/feed/feed-controller';
import type { FeedWorkerApi } from '../../workers/feed.worker';
// Only the bundled worker's URL (a string): none of its code enters the page bundle.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import feedWorkerUrl from '../../workers/feed.worker.ts?worker&url';

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

/** Page-side bridge to the feed worker; the worker's code never enters the page bundle. */
export class FeedClient {
  private readonly worker: Worker;
  readonly api: Remote<FeedWorkerApi>;

  constructor() {
    this.worker = startFeedWorker();
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
