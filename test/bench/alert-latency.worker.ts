/// <reference lib="webworker" />
import Dexie from 'dexie';
import { expose, type Remote } from 'comlink';
import { AlertEngine, type AlertBar, type AlertFiring, type AlertRule } from '../../src/core/alerts';
import type { Candle } from '../../src/core/candles/candle';
import { DEFAULT_FEED_CONFIG, FeedController } from '../../src/core/feed/feed-controller';
import { systemClock } from '../../src/core/feed/socket';
import { TapewatchDb } from '../../src/data/db';
import { DexieFeedStore } from '../../src/data/feed-store';
import type { NotifyReply } from '../../src/core/alerts/channels/notify-protocol';
import { notifyVia, sendNotifications } from '../../workers/feed/notify-port';
import { ArrivalLog, StampedSocket, stamp } from './stamped-socket';

declare const self: DedicatedWorkerGlobalScope;

const DB = 'bench-alert-latency';
/** Arrival time of each frame (trade id n) in this worker. */
const arrivals = new ArrivalLog();

function alertBar(c: Candle): AlertBar {
  return {
    type: 'bar',
    key: `${c.venue}:${c.symbol}` as AlertBar['key'],
    timeframe: c.timeframe,
    openTimeMs: c.openTimeMs,
    open: Number(c.open),
    high: Number(c.high),
    low: Number(c.low),
    close: Number(c.close),
    closeText: c.close,
    volume: Number(c.volume),
    trades: c.trades,
    closed: c.closed,
  };
}

/**
 * What reaches the page per batch: each firing with the arrival (on `shared-clock.ts`, so
 * comparable with the page's stamps and `Date.now()`) of the trade frame that triggered it — the newest trade of the forming bar judged; 0 for a firing on a bar close,
 * which the wall-clock close timer triggers, not a frame — and, for the baseline, the arrival of
 * the newest trade of the batch's forming bar (0: none).
 */
export interface LatencyBatch {
  readonly firings: readonly { readonly firing: AlertFiring; readonly arrivalMs: number }[];
  readonly newestArrivalMs: number;
  /** When the feed pushed the batch (epoch ms): arrival → here is the worker's part. */
  readonly pushedMs: number;
  /** Firings the service worker showed for this worker's copy since the last batch (see notify-port.ts). */
  readonly shownViaPort: readonly { readonly key: string; readonly calledAtMs: number }[];
}

/** The service worker's answers to this worker's copies, until the next batch takes them. */
let shownViaPort: { key: string; calledAtMs: number }[] = [];

let controller: FeedController | null = null;

const api = {
  /** Streams the local socket through the real feed controller; every bar update goes through `rules`. */
  async start(
    host: string,
    rules: readonly AlertRule[],
    listener: Remote<(b: LatencyBatch) => void> | ((b: LatencyBatch) => void),
  ) {
    await controller?.stop();
    await Dexie.delete(DB);
    arrivals.reset();
    const db = new TapewatchDb(DB);
    const engine = new AlertEngine(rules);
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
        push: (batch) => {
          const firings: { firing: AlertFiring; arrivalMs: number }[] = [];
          let newest = 0;
          for (const u of batch.updates) {
            if (u.candle.timeframe !== '1s') continue;
            const arrivalMs = u.candle.closed ? 0 : arrivals.at(u.candle.lastTradeId ?? 0);
            newest = Math.max(newest, arrivalMs);
            for (const firing of engine.evaluate(alertBar(u.candle))) firings.push({ firing, arrivalMs });
          }
          // As the app's feed worker does: its copies go straight to the service worker.
          sendNotifications(firings.map((f) => f.firing));
          const shown = shownViaPort;
          shownViaPort = [];
          void listener({ firings, newestArrivalMs: newest, pushedMs: stamp(), shownViaPort: shown });
        },
        requestFrame: (callback) => self.requestAnimationFrame(() => callback()),
      },
    );
    controller = feed;
    await feed.start();
  },
  /** The app's line to the service worker (`connectNotifyRoute`); its answers are collected. */
  notifyVia(port: MessagePort | null) {
    port?.addEventListener('message', (event: MessageEvent<NotifyReply>) => {
      if (event.data.outcome === 'shown') shownViaPort.push({ key: event.data.key, calledAtMs: event.data.calledAtMs });
    });
    notifyVia(port);
  },
  /** Answers that came after the last batch. */
  takeShown() {
    const shown = shownViaPort;
    shownViaPort = [];
    return shown;
  },
  async stop() {
    await controller?.stop();
    controller = null;
  },
};

export type AlertLatencyWorkerApi = typeof api;
expose(api);
