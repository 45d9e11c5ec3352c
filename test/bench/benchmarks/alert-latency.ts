import { proxy, wrap } from 'comlink';
import type { AlertRule } from '../../../src/core/alerts';
import { showFiring } from '../../../src/app/features/alerts/notifier';
import type { AlertLatencyWorkerApi, LatencyBatch } from '../alert-latency.worker';
import type { BenchPair, Latency } from '../benchmark';
import { TICK_FRAMES_PER_SEC } from './tick-rate';

const RUN_MS = 8_000;
const WARMUP_MS = 1_000;
/**
 * Forty price rules 4 apart around the socket's starting price (its random walk moves ~25 a
 * second), on 1 s bars, every time, no cooldown: the dedup per rule and bar is the only brake,
 * so there are firings every second.
 */
const RULES: AlertRule[] = Array.from({ length: 40 }, (_, i) => ({
  id: `px-${i}`,
  kind: 'price',
  op: 'crosses',
  value: String(66_920 + 4 * i),
  instrument: 'binance-spot:BTCUSDT',
  timeframe: '1s',
  trigger: 'every-time',
  cooldownMs: 0,
}));

const stamp = () => performance.timeOrigin + performance.now();
/** Where the running session's samples go. */
let target: number[] = [];

function percentiles(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN, samples: sorted.length };
}

let api: ReturnType<typeof wrap<AlertLatencyWorkerApi>> | null = null;
const samples: { baseline: number[]; subject: number[] } = { baseline: [], subject: [] };
/** Trigger arrivals of firings handed to `showFiring`, in order; the patched `showNotification` takes them. */
const waiting: { arrivalMs: number; pushedMs: number; receivedMs: number; measured: boolean }[] = [];
/**
 * The subject's latency by stage, as tick-to-paint reports it: in the worker (arrival → the
 * feed's batch push: waiting for the next frame, drain, alert engine), to the page (the
 * batch's postMessage and the page's queue), on the page (`showFiring` up to `showNotification`);
 * and the browser's own synchronous part of each `showNotification` call, which the page pays
 * before the next firing (or batch) is handled.
 */
const stages: { worker: number[]; toPage: number[]; page: number[]; browserCall: number[] } = {
  worker: [],
  toPage: [],
  page: [],
  browserCall: [],
};

/**
 * One run: the real feed controller streams the local socket in a worker and judges every 1 s bar
 * update with the alert engine. Subject: from the arrival in the worker of the newest trade of the
 * bar that fired to the page calling `registration.showNotification` for it (the app's
 * `showFiring`). Baseline, same run shape with no rules: the same frame to the batch reaching the
 * page (the floor any alert pays).
 */
async function session(rules: readonly AlertRule[], into: number[]): Promise<number> {
  const startedAt = stamp();
  let fired = 0;
  let onClose = 0;
  target = into;
  await api?.start(
    new URLSearchParams(location.search).get('tickSocket') ?? '',
    rules,
    proxy(({ firings, newestArrivalMs, pushedMs }: LatencyBatch) => {
      const receivedMs = stamp();
      const measured = receivedMs - startedAt > WARMUP_MS;
      if (rules.length === 0) {
        if (measured && newestArrivalMs > 0) into.push(stamp() - newestArrivalMs);
        return;
      }
      for (const { firing, arrivalMs } of firings) {
        fired++;
        if (arrivalMs === 0) onClose++;
        waiting.push({ arrivalMs, pushedMs, receivedMs, measured: measured && arrivalMs > 0 });
        void showFiring(firing, null);
      }
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, RUN_MS));
  await api?.stop();
  // Let the last showFiring calls land in this session's samples.
  await new Promise((resolve) => setTimeout(resolve, 200));
  waiting.length = 0;
  console.log(
    `alert-to-notification ${rules.length} rules: ${fired} firings (${onClose} on a bar close, timer-triggered, not timed), ${into.length} samples so far`,
  );
  if (rules.length > 0) {
    const show = (name: string, xs: number[]) => {
      const l = percentiles(xs);
      return `${name} p50 ${l.p50.toFixed(1)} p99 ${l.p99.toFixed(1)} max ${l.max.toFixed(1)} ms`;
    };
    console.log(
      `alert-to-notification stages so far (n=${stages.page.length}): ${show('worker', stages.worker)}; ${show('to page', stages.toPage)}; ${show('page', stages.page)}; ${show('showNotification call itself', stages.browserCall)}`,
    );
  }
  return (TICK_FRAMES_PER_SEC * RUN_MS) / 1000;
}

export const alertToNotification: BenchPair = {
  name: 'alert-to-notification',
  description: `trade frame arriving in the feed worker → alert engine (40 price rules, 1 s bars) → page calls showNotification, ${TICK_FRAMES_PER_SEC} frames/s from a local socket; baseline: the same frame's batch reaching the page without rules`,
  async setup() {
    await navigator.serviceWorker.register(new URL('../notify-sw.js', import.meta.url));
    await navigator.serviceWorker.ready;
    const original = ServiceWorkerRegistration.prototype.showNotification;
    ServiceWorkerRegistration.prototype.showNotification = function (title, options) {
      const calledAt = stamp();
      // showFiring calls this in the order it was handed the firings (each awaits the same registration).
      const w = waiting.shift();
      if (w !== undefined && w.measured) {
        target.push(calledAt - w.arrivalMs);
        stages.worker.push(w.pushedMs - w.arrivalMs);
        stages.toPage.push(w.receivedMs - w.pushedMs);
        stages.page.push(calledAt - w.receivedMs);
      }
      const shown = original.call(this, title, options);
      stages.browserCall.push(stamp() - calledAt);
      return shown;
    };
    const worker = new Worker(new URL('../alert-latency.worker.ts', import.meta.url), { type: 'module' });
    api = wrap<AlertLatencyWorkerApi>(worker);
    samples.baseline = [];
    samples.subject = [];
    stages.worker = [];
    stages.toPage = [];
    stages.page = [];
    stages.browserCall = [];
  },
  baseline: { name: 'batch to page, no rules', unit: 'trades', run: () => session([], samples.baseline) },
  subject: { name: 'firing to showNotification', unit: 'trades', run: () => session(RULES, samples.subject) },
  latencyTargetMs: 100,
  latency: () => ({ baseline: percentiles(samples.baseline), subject: percentiles(samples.subject) }),
};
