/// <reference lib="webworker" />
import Dexie from 'dexie';
import { expose, type Remote } from 'comlink';
import { AnalyticsStage } from '../../src/core/analytics/analytics-stage';
import { DEFAULT_FEED_CONFIG, FeedController, type FeedBatch } from '../../src/core/feed/feed-controller';
import { systemClock } from '../../src/core/feed/socket';
import { TapewatchDb } from '../../src/data/db';
import { DexieFeedStore } from '../../src/data/feed-store';
import { ArrivalLog, StampedSocket, stamp } from './stamped-socket';
import { DexieStoredCandles } from '../../src/data/stored-candles';
import { WorkerStalls } from './stalls';

declare const self: DedicatedWorkerGlobalScope;

const DB = 'bench-tick-to-paint';
/** Arrival time of each frame (trade id n) in this worker. */
const arrivals = new ArrivalLog();

let controller: FeedController | null = null;
let bare: WebSocket | null = null;
const stalls = new WorkerStalls();

/**
 * One batch as the page gets it, with the arrival time of the oldest trade new in it (0: none),
 * when the worker's animation frame that emitted it began, and when it was posted.
 */
export interface StampedBatch {
  readonly batch: FeedBatch;
  readonly oldestArrivalMs: number;
  readonly frameMs: number;
  readonly emittedMs: number;
}

type Listener = Remote<(b: StampedBatch) => void> | ((b: StampedBatch) => void);

const api = {
  /** Runs the real feed controller (and analytics stage) on the local stream with `specs` on the view. */
  async start(host: string, specs: readonly string[], listener: Listener) {
    await api.stop();
    await Dexie.delete(DB);
    arrivals.reset();
    const db = new TapewatchDb(DB);
    const analytics = new AnalyticsStage(new DexieStoredCandles(db));
    let lastId = 0;
    let frameMs = 0;
    const feed = new FeedController(
      {
        ...DEFAULT_FEED_CONFIG,
        mode: 'live',
        instruments: ['binance-spot:BTCUSDT'],
        endpoints: { 'binance-spot': { ws: `ws://${host}`, rest: `http://${host}` } },
      },
      {
        socketFactory: (url) => new StampedSocket(url, arrivals),
        clock: systemClock,
        fetchText: async (url) => {
          const res = await fetch(url);
          return { status: res.status, body: await res.text() };
        },
        store: new DexieFeedStore(db),
        analytics,
        push: (batch) => {
          let newest = lastId;
          for (const u of batch.updates) {
            const c = u.candle;
            if (c.timeframe === '1m' && c.lastTradeId !== undefined && c.lastTradeId > newest) newest = c.lastTradeId;
          }
          const oldestArrivalMs = newest > lastId ? arrivals.at(lastId + 1) : 0;
          lastId = newest;
          void listener({ batch, oldestArrivalMs, frameMs, emittedMs: stamp() });
        },
        requestFrame: (callback) =>
          self.requestAnimationFrame(() => {
            frameMs = stamp();
            callback();
          }),
      },
    );
    controller = feed;
    analytics.onPending = () => feed.wake();
    await analytics.setView({
      viewId: 1,
      key: 'binance-spot:BTCUSDT',
      timeframe: '1m',
      indicators: specs.map((spec, i) => ({ id: `i${i}`, spec })),
    });
    stalls.start();
    await feed.start();
  },
  /**
   * The floor under the feed's latency: the same socket, frames counted as they arrive, and once
   * per animation frame the arrival time of the oldest frame not yet reported posted to the page
   * the same way (a comlink callback), with no parsing, candles, storage or analytics.
   */
  async startBare(host: string, listener: Listener) {
    await api.stop();
    arrivals.reset();
    let frames = 0;
    let reported = 0;
    const ws = new WebSocket(`ws://${host}/stream?streams=btcusdt@trade`);
    bare = ws;
    ws.onmessage = () => {
      const n = ++frames;
      arrivals.record(n);
    };
    const frame = () => {
      if (bare !== ws) return;
      const frameMs = stamp();
      if (frames > reported) {
        const oldestArrivalMs = arrivals.at(reported + 1);
        reported = frames;
        const batch: FeedBatch = { updates: [], quotes: [] };
        void listener({ batch, oldestArrivalMs, frameMs, emittedMs: stamp() });
      }
      self.requestAnimationFrame(frame);
    };
    self.requestAnimationFrame(frame);
    stalls.start();
  },
  /** Stops either run; returns the worker's stalls seen during it. */
  async stop(): Promise<readonly number[]> {
    await controller?.stop();
    controller = null;
    bare?.close();
    bare = null;
    return stalls.stop();
  },
};

export type TickWorkerApi = typeof api;
expose(api);
