/// <reference lib="webworker" />
import { expose, type Remote } from 'comlink';
import type { AlertInput, RuleState } from '../src/core/alerts';
import type { AlertStage } from '../src/core/analytics/alert-stage';
import { AnalyticsFollower } from '../src/core/analytics/analytics-follower';
import { AnalyticsStage } from '../src/core/analytics/analytics-stage';
import type { AnalyticsFrame, AnalyticsView } from '../src/core/analytics/analytics-view';
import { ArrivalWindow } from '../src/core/analytics/arrival-window';
import type { CandleUpdate } from '../src/core/candles/candle';
import { FEED_BATCH_CHANNEL, sharedBatch } from '../src/core/feed/feed-channel';
import { FeedController, type AlertStep, type FeedBatch, type FeedConfig } from '../src/core/feed/feed-controller';
import type { HttpResult } from '../src/core/feed/http';
import { systemClock, type SocketLike } from '../src/core/feed/socket';
import { countAlertRules } from '../src/data/alert-rule-peek';
import type * as AlertRuntime from './feed/alert-runtime';
import { notifyVia, sendNotifications } from './feed/notify-port';
import { DexieFeedStore } from '../src/data/feed-store';
import { openStorage } from '../src/data/open-storage';
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
/** Where this worker's feed sends its batches to follower tabs (none without shared storage). */
let toFollowers: BroadcastChannel | null = null;
let follower: AnalyticsFollower | null = null;
let stage: Promise<AnalyticsStage> | null = null;
let chooseStorage: (memoryOnly: boolean) => void = () => undefined;
/**
 * Whether this worker may use IndexedDB is the page's call (a page without storage keeps none
 * behind its banner), so nothing here opens storage before the page said which.
 */
const memoryOnlyChoice = new Promise<boolean>((resolve) => (chooseStorage = resolve));

function storage() {
  return memoryOnlyChoice.then((memoryOnly) => openStorage({ memoryOnly }));
}

/**
 * One stage per worker: it keeps the view and the recent bars across feed restarts. It reads the
 * worker's one database (IndexedDB, or memory where the page has none).
 */
function analyticsStage(): Promise<AnalyticsStage> {
  return (stage ??= storage().then(({ db }) => new AnalyticsStage(new DexieStoredCandles(db))));
}

let feedInstruments: readonly string[] = [];

let alertModule: Promise<typeof AlertRuntime> | null = null;
/** The alert engine and rule storage: fetched on the first rule, stored or saved. */
function alertRuntime() {
  return (alertModule ??= import('./feed/alert-runtime'));
}

/** Bars the feed delivered lately, kept before the alert stage exists (see ArrivalWindow). */
const recentBars = new ArrivalWindow();
let alerts: Promise<AlertStage> | null = null;
let alertsReady: AlertStage | null = null;

/** One alert stage per worker; it evaluates only while this worker runs the feed (the leader). */
function alertStage(): Promise<AlertStage> {
  return (alerts ??= Promise.all([storage(), alertRuntime()]).then(([{ db }, m]) => {
    const stage = new m.AlertStage(
      m.dexieAlertPorts(db, (error) => console.error('alert storage', error)),
      undefined,
      recentBars,
    );
    stage.onPending = () => controller?.wake();
    return (alertsReady = stage);
  }));
}

/** What the feed calls each batch: the alert stage once loaded, until then only the recent bars. */
const alertStep: AlertStep = {
  frame(updates, health, nowMs) {
    if (alertsReady !== null) {
      const firings = alertsReady.frame(updates, health, nowMs);
      sendNotifications(firings);
      return firings;
    }
    recentBars.push(updates, nowMs);
    return [];
  },
};

/**
 * Rules (and their stored state) from storage into the stage: at start, and when another tab
 * edited them. `savedAtMs`: when they were saved; new and edited rules are judged on the bars
 * that arrived here since (see AlertStage.setRules).
 */
let rulesGeneration = 0;
async function reloadRules(savedAtMs?: number): Promise<void> {
  // The newest reload wins: an older one still warming must not put back the rules it read.
  const generation = ++rulesGeneration;
  const { db } = await storage();
  // No rule stored and none loaded before: the engine stays unfetched (nothing to evaluate).
  if (alerts === null && (await countAlertRules(db)) === 0) return;
  const [stage, m] = await Promise.all([alertStage(), alertRuntime()]);
  const [{ rules, problems }, states] = await Promise.all([m.loadAlertRules(db), m.loadAlertStates(db)]);
  for (const problem of problems) console.warn('alert rule not loaded:', problem);
  await stage.setRules(rules, states, feedInstruments, () => generation === rulesGeneration, savedAtMs);
}

/** Rules edited in any tab reach the leader's worker through storage and this channel. */
const rulesChannel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('tapewatch-alert-rules') : null;
if (rulesChannel !== null) {
  rulesChannel.onmessage = (event: MessageEvent<unknown>) => {
    if (controller !== null) void reloadRules(savedAtOf(event.data));
  };
}

/** The save time a rules-changed message carries (`{ savedAtMs }`), else now. */
function savedAtOf(message: unknown): number {
  const at = (message as { savedAtMs?: unknown } | null)?.savedAtMs;
  return typeof at === 'number' && Number.isFinite(at) ? Math.min(at, Date.now()) : Date.now();
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
  /** The page's storage mode; the first call decides (see `memoryOnlyChoice`). */
  useStorage(memoryOnly: boolean) {
    chooseStorage(memoryOnly);
  },
  /**
   * Starts (or restarts) the feed; `listener` receives coalesced batches. `memoryOnly`: the page
   * has no storage, so neither does the feed. Resolves with whether what it writes persists.
   */
  start(config: FeedConfig, listener: Listener<FeedBatch>, options: { memoryOnly?: boolean } = {}) {
    return serially(() => startFeed(config, listener, options.memoryOnly ?? false));
  },
  stop() {
    return serially(async () => {
      await stopFeed();
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
    return analyticsStage().then((s) => s.setView(view));
  },
  /**
   * Follower mode (another tab holds the feed): runs only the analytics stage, fed by `relay`;
   * frames go to `listener`. Stops a feed this worker was running.
   */
  follow(listener: Listener<AnalyticsFrame>) {
    return serially(async () => {
      await stopFeed();
      follower?.stop();
      follower = new AnalyticsFollower(await analyticsStage(), requestFrame, (frame) => void listener(frame));
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
  /**
   * Replaces the alert rules (the JSON array the app exports and imports): validated (rejects
   * with an AlertRuleError message naming the rule and field), stored, and picked up by the
   * leader's worker, this one or another tab's. Unchanged rules keep their state.
   */
  async setRules(rules: unknown) {
    const savedAtMs = Date.now();
    const m = await alertRuntime();
    const parsed = m.parseRules(rules);
    const { db } = await storage();
    await m.saveAlertRules(db, parsed);
    rulesChannel?.postMessage({ savedAtMs });
    if (controller !== null) await reloadRules(savedAtMs);
  },
  /** Every rule's state (armed, cooldown, last fired, last evaluation and why). */
  async alertStates(): Promise<RuleState[]> {
    if (controller !== null && alerts !== null) return (await alertStage()).states(Date.now());
    const [{ db }, m] = await Promise.all([storage(), alertRuntime()]);
    return m.loadAlertStates(db);
  },
  /** Where this worker sends its firings' notifications (the service worker's port), or null: nowhere. */
  notifyVia(port: MessagePort | null) {
    notifyVia(port);
  },
  /** Inputs from other stages (anomaly scores, signals, news sentiment): judged by the leader only. */
  async alertInput(inputs: readonly AlertInput[]) {
    if (controller !== null && alerts !== null) (await alertStage()).input(inputs, Date.now());
  },
};

async function stopFeed(): Promise<void> {
  await controller?.stop();
  controller = null;
  toFollowers?.close();
  toFollowers = null;
}

async function startFeed(
  config: FeedConfig,
  listener: Listener<FeedBatch>,
  memoryOnly: boolean,
): Promise<{ persistent: boolean }> {
  await stopFeed();
  follower?.stop();
  follower = null;
  chooseStorage(memoryOnly);
  const { db, persistent } = await storage();
  const analytics = await analyticsStage();
  // Other tabs share this feed only through common storage (see FeedLeadership).
  const channel = memoryOnly ? null : new BroadcastChannel(FEED_BATCH_CHANNEL);
  toFollowers = channel;
  feedInstruments = config.instruments;
  // A follower that becomes leader starts here: rule state resumes from storage. Alerts failing
  // to load must not stop the feed.
  await reloadRules().catch((error: unknown) => console.error('alert rules could not be loaded', error));
  const feed = new FeedController(config, {
    socketFactory: (url) => new WebSocket(url) as unknown as SocketLike,
    clock: systemClock,
    fetchText,
    // Without persistent storage no raw tape is kept: nothing could replay or export it.
    store: new DexieFeedStore(db, undefined, undefined, persistent),
    // REST probe answers (CORS refused or not) per venue, across sessions.
    cache: { read: (key) => readSetting(db, key, undefined), write: (key, value) => writeSetting(db, key, value) },
    push: (batch) => {
      void listener(batch);
      channel?.postMessage(sharedBatch(batch));
    },
    requestFrame,
    analytics,
    alerts: alertStep,
  });
  controller = feed;
  analytics.onPending = () => feed.wake();
  await feed.start();
  return { persistent };
}

export type FeedWorkerApi = typeof api;

expose(api);
