import { wrap, type Remote } from 'comlink';
import type { NewsWorkerApi } from '../../../../workers/news.worker';
// Only the bundled worker's URL (a string): none of its code enters the page bundle.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import newsWorkerUrl from '../../../../workers/news.worker.ts?worker&url';

let remote: Remote<NewsWorkerApi> | null = null;

/**
 * The news worker (fetch, parse, score), started on first use through a one-line blob module as
 * the feed worker is: a blob worker inherits the page's Content-Security-Policy, so its requests
 * are held to the page's exact connect-src.
 */
export function newsWorker(): Remote<NewsWorkerApi> {
  if (remote === null) {
    const source = `import ${JSON.stringify(new URL(newsWorkerUrl, location.href).href)};\n`;
    const blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    remote = wrap<NewsWorkerApi>(new Worker(blobUrl, { type: 'module', name: 'tapewatch-news' }));
  }
  return remote;
}
