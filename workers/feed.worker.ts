/// <reference lib="webworker" />
import { expose, type Remote } from 'comlink';
import { FeedController, type FeedBatch, type FeedConfig } from '../src/core/feed/feed-controller';
import type { HttpResult } from '../src/core/feed/http';
import { systemClock, type SocketLike } from '../src/core/feed/socket';
import { DexieFeedStore } from '../src/data/feed-store';
import { openStorage } from '../src/data/open-storage';
import { readSetting, writeSetting } from '../src/data/settings-store';

declare const self: DedicatedWorkerGlobalScope;

async function fetchText(url: string): Promise<HttpResult> {
  // A simple GET: no custom headers, so no CORS preflight. A CORS refusal rejects with a TypeError.
  const res = await fetch(url, { mode: 'cors', credentials: 'omit' });
  return { status: res.status, body: await res.text() };
}

function requestFrame(callback: () => void): void {
  // Workers in Chromium have rAF (tied to the page's frames); elsewhere fall back to ~60 Hz.
  if (typeof self.requestAnimationFrame === 'function') self.requestAnimationFrame(() => callback());
  else setTimeout(callback, 16);
}

let controller: FeedController | null = null;
/** Starts and stops run one after another: two overlapping starts must not leave two feeds. */
let lifecycle: Promise<unknown> = Promise.resolve();

function serially<T>(step: () => Promise<T>): Promise<T> {
  const next = lifecycle.catch(() => undefined).then(step);
  lifecycle = next;
  return next;
}

const api = {
  /**
   * Starts (or restarts) the feed; `listener` receives coalesced batches. `memoryOnly`: the page
   * has no storage, so neither does the feed. Resolves with whether what it writes persists.
   */
  start(
    config: FeedConfig,
    listener: Remote<(batch: FeedBatch) => void> | ((batch: FeedBatch) => void),
    options: { memoryOnly?: boolean } = {},
  ) {
    return serially(() => startFeed(config, listener, options.memoryOnly ?? false));
  },
  stop() {
    return serially(async () => {
      await controller?.stop();
      controller = null;
    });
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

async function startFeed(
  config: FeedConfig,
  listener: Remote<(batch: FeedBatch) => void> | ((batch: FeedBatch) => void),
  memoryOnly: boolean,
): Promise<{ persistent: boolean }> {
  await controller?.stop();
  const { db, persistent } = await openStorage({ memoryOnly });
  controller = new FeedController(config, {
    socketFactory: (url) => new WebSocket(url) as unknown as SocketLike,
    clock: systemClock,
    fetchText,
    // Without persistent storage no raw tape is kept: nothing could replay or export it.
    store: new DexieFeedStore(db, undefined, undefined, persistent),
    // REST probe answers (CORS refused or not) per venue, across sessions.
    cache: { read: (key) => readSetting(db, key, undefined), write: (key, value) => writeSetting(db, key, value) },
    push: (batch) => void listener(batch),
    requestFrame,
  });
  await controller.start();
  return { persistent };
}

export type FeedWorkerApi = typeof api;

expose(api);
