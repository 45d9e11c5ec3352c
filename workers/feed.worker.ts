/// <reference lib="webworker" />
import { expose, type Remote } from 'comlink';
import { FeedController, type FeedBatch, type FeedConfig, type HttpResult } from '../src/core/feed/feed-controller';
import { systemClock, type SocketLike } from '../src/core/feed/socket';
import { openDb } from '../src/data/db';
import { DexieFeedStore } from '../src/data/feed-store';

declare const self: DedicatedWorkerGlobalScope;

async function fetchText(url: string): Promise<HttpResult> {
  // A simple GET: no custom headers, so no CORS preflight.
  const res = await fetch(url, { mode: 'cors', credentials: 'omit' });
  return { status: res.status, body: await res.text() };
}

function requestFrame(callback: () => void): void {
  // Workers in Chromium have rAF (tied to the page's frames); elsewhere fall back to ~60 Hz.
  if (typeof self.requestAnimationFrame === 'function') self.requestAnimationFrame(() => callback());
  else setTimeout(callback, 16);
}

let controller: FeedController | null = null;

const api = {
  /** Starts (or restarts) the feed; `listener` receives coalesced batches. */
  async start(config: FeedConfig, listener: Remote<(batch: FeedBatch) => void> | ((batch: FeedBatch) => void)) {
    await controller?.stop();
    controller = new FeedController(config, {
      socketFactory: (url) => new WebSocket(url) as unknown as SocketLike,
      clock: systemClock,
      fetchText,
      store: new DexieFeedStore(openDb()),
      push: (batch) => void listener(batch),
      requestFrame,
    });
    await controller.start();
  },
  async stop() {
    await controller?.stop();
    controller = null;
  },
  async flush() {
    await controller?.flush();
  },
  network(event: 'online' | 'offline' | 'visible') {
    controller?.network(event);
  },
  health() {
    return controller?.health() ?? null;
  },
};

export type FeedWorkerApi = typeof api;

expose(api);
