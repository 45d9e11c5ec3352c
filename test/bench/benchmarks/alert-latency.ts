import { proxy, transfer, wrap } from 'comlink';
import type { AlertRule } from '../../../src/core/alerts';
import { showFiring } from '../../../src/app/features/alerts/notifier';
import { connectNotifyRoute } from '../../../src/app/features/alerts/notify-route';
import type { AlertLatencyWorkerApi, LatencyBatch } from '../alert-latency.worker';
import type { BenchPair, Latency } from '../benchmark';
import { TICK_FRAMES_PER_SEC } from './tick-rate';
import { stamp } from '../shared-clock';

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

function percentiles(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN, samples: sorted.length };
}

let api: ReturnType<typeof wrap<AlertLatencyWorkerApi>> | null = null;
const samples: { baseline: number[]; subject: number[] } = { baseline: [], subject: [] };
/** Firings on their way, by dedup key: the arrival of the frame that triggered each, if timed. */
const waiting = new Map<string, number | null>();
/** Which copy the service worker showed: the feed worker's (over its port) or the page's. */
const winners = { port: [] as number[], page: [] as number[] };

/** The service worker called `showNotification` for a firing at `calledAtMs` (for `by`'s copy). */
function shown(into: number[], key: string, calledAtMs: number, by: keyof typeof winners): void {
  const arrivalMs = waiting.get(key);
  waiting.delete(key);
  if (arrivalMs === undefined || arrivalMs === null) return;
  into.push(calledAtMs - arrivalMs);
  winners[by].push(calledAtMs - arrivalMs);
}

/**
 * One run: the real feed controller streams the local socket in a worker and judges every 1 s bar
 * update with the alert engine. As in the app, each firing goes to the service worker twice:
 * from the feed worker over the port the page handed it, and from the page (`showFiring`); the
 * service worker shows the first. Subject: from the arrival in the worker of the newest trade of
 * the bar that fired to the service worker calling `registration.showNotification` for it.
 * Baseline, same run shape with no rules: the same frame to the batch reaching the page (the
 * floor of the page's copy).
 */
async function session(rules: readonly AlertRule[], into: number[]): Promise<number> {
  const startedAt = stamp();
  let fired = 0;
  let onClose = 0;
  await api?.start(
    new URLSearchParams(location.search).get('tickSocket') ?? '',
    rules,
    proxy(({ firings, newestArrivalMs, shownViaPort }: LatencyBatch) => {
      const measured = stamp() - startedAt > WARMUP_MS;
      if (rules.length === 0) {
        if (measured && newestArrivalMs > 0) into.push(stamp() - newestArrivalMs);
        return;
      }
      for (const { firing, arrivalMs } of firings) {
        fired++;
        if (arrivalMs === 0) onClose++;
        if (!waiting.has(firing.dedupKey)) waiting.set(firing.dedupKey, measured && arrivalMs > 0 ? arrivalMs : null);
        void showFiring(firing, null).then((r) => {
          if (r.outcome === 'shown') shown(into, firing.dedupKey, r.calledAtMs, 'page');
        });
      }
      for (const s of shownViaPort) shown(into, s.key, s.calledAtMs, 'port');
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, RUN_MS));
  await api?.stop();
  // Let the last answers land in this session's samples.
  await new Promise((resolve) => setTimeout(resolve, 300));
  for (const s of (await api?.takeShown()) ?? []) shown(into, s.key, s.calledAtMs, 'port');
  waiting.clear();
  console.log(
    `alert-to-notification ${rules.length} rules: ${fired} firings (${onClose} on a bar close, timer-triggered, not timed), ${into.length} samples so far`,
  );
  if (rules.length > 0) {
    const show = (name: keyof typeof winners) => {
      const l = percentiles(winners[name]);
      return `${name} ${l.samples} (p50 ${l.p50.toFixed(1)} p99 ${l.p99.toFixed(1)} max ${l.max.toFixed(1)} ms)`;
    };
    console.log(`alert-to-notification shown first from: ${show('port')}; ${show('page')}`);
  }
  return (TICK_FRAMES_PER_SEC * RUN_MS) / 1000;
}

export const alertToNotification: BenchPair = {
  name: 'alert-to-notification',
  description: `trade frame arriving in the feed worker → alert engine (40 price rules, 1 s bars) → the service worker calls showNotification (the feed worker's copy over its port, or the page's, whichever is first), ${TICK_FRAMES_PER_SEC} frames/s from a local socket; baseline: the same frame's batch reaching the page without rules`,
  async setup() {
    await navigator.serviceWorker.register(new URL('../notify-sw.ts', import.meta.url), { type: 'module' });
    await navigator.serviceWorker.ready;
    const worker = new Worker(new URL('../alert-latency.worker.ts', import.meta.url), { type: 'module' });
    api = wrap<AlertLatencyWorkerApi>(worker);
    const route = api;
    await connectNotifyRoute(true, (port) => route.notifyVia(port === null ? null : transfer(port, [port])));
    samples.baseline = [];
    samples.subject = [];
    winners.port = [];
    winners.page = [];
  },
  baseline: { name: 'batch to page, no rules', unit: 'trades', run: () => session([], samples.baseline) },
  subject: { name: 'firing to showNotification', unit: 'trades', run: () => session(RULES, samples.subject) },
  latencyTargetMs: 100,
  latency: () => ({ baseline: percentiles(samples.baseline), subject: percentiles(samples.subject) }),
};
