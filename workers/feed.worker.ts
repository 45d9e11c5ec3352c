/// <reference lib="webworker" />
import { expose, type Remote } from 'comlink';
import { AnalyticsFollower } from '../src/core/analytics/analytics-follower';
import { AnalyticsStage } from '../src/core/analytics/analytics-stage';
import type { AnalyticsFrame, AnalyticsView } from '../src/core/analytics/analytics-view';
import type { CandleUpdate } from '../src/core/candles/candle';
import { FeedController, type FeedBatch, type FeedConfig } from '../src/core/feed/feed-controller';
import type { HttpResult } from '../src/core/feed/http';
import { systemClock, type SocketLike } from '../src/core/feed/socket';
import { openDb } from '../src/data/db';
import { DexieFeedStore } from '../src/data/feed-store';
import { readSetting, writeSetting } from '../src/data/settings-store';
import { DexieStoredCandles } from '../src/data/stored-candles';

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
let follower: AnalyticsFollower | null = null;
let db: ReturnType<typeof openDb> | null = null;
let stage: AnalyticsStage | null = null;

function database(): ReturnType<typeof openDb> {
  return (db ??= openDb());
}

/** One stage per worker: it keeps the view and the recent bars across feed restarts. */
function analyticsStage(): AnalyticsStage {
  return (stage ??= new AnalyticsStage(new DexieStoredCandles(database())));
}

type Listener<T> = Remote<(value: T) => void> | ((value: T) => void);
/** Starts and stops run one after another: two overlapping starts must not leave two feeds. */
let lifecycle: Promise<unknown> = Promise.resolve();

function serially<T>(step: () => Promise<T>): Promise<T> {
  const next = lifecycle.catch(() => undefined).then(step);
  lifecycle = next;
  return next;
}

const api = {
  /** Starts (or restarts) the feed; `listener` receives coalesced batches. */
  start(config: FeedConfig, listener: Listener<FeedBatch>) {
    return serially(() => startFeed(config, listener));
  },
  stop() {
    return serially(async () => {
      await controller?.stop();
      controller = null;
      follower?.stop();
      follower = null;
    });
  },
  /**
   * What is on screen: the analytics stage rebuilds it from stored bars and sends a `reset`
   * frame in the next batch (`FeedBatch.analytics`, or the follower's listener), then live rows.
   * null: nothing on screen. Rejects (AnalyticsViewError) for a view that cannot be computed.
   */
  setView(view: AnalyticsView | null) {
    return analyticsStage().setView(view);
  },
  /**
   * Follower mode (another tab holds the feed): runs only the analytics stage, fed by `relay`;
   * frames go to `listener`. Stops a feed this worker was running.
   */
  follow(listener: Listener<AnalyticsFrame>) {
    return serially(async () => {
      await controller?.stop();
      controller = null;
      follower?.stop();
      follower = new AnalyticsFollower(analyticsStage(), requestFrame, (frame) => void listener(frame));
    });
  },
  /** Follower mode: the bar updates of a batch the leader broadcast. */
  relay(updates: readonly CandleUpdate[]) {
    follower?.relay(updates);
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

async function startFeed(config: FeedConfig, listener: Listener<FeedBatch>): Promise<void> {
  await controller?.stop();
  follower?.stop();
  follower = null;
  const db = database();
  const analytics = analyticsStage();
  const feed = new FeedController(config, {
    socketFactory: (url) => new WebSocket(url) as unknown as SocketLike,
    clock: systemClock,
    fetchText,
    store: new DexieFeedStore(db),
    // REST probe answers (CORS refused or not) per venue, across sessions.
    cache: { read: (key) => readSetting(db, key, undefined), write: (key, value) => writeSetting(db, key, value) },
    push: (batch) => void listener(batch),
    requestFrame,
    analytics,
  });
  controller = feed;
  analytics.onPending = () => feed.wake();
  await feed.start();
}

export type FeedWorkerApi = typeof api;

expose(api);
