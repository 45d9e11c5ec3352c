import { proxy, wrap } from 'comlink';
import type { Candle } from '../../../src/core/candles/candle';
import { CandleChart } from '../../../src/app/features/chart/candle-chart';
import type { BenchPair, Latency } from '../benchmark';
import type { StampedBatch, TickWorkerApi } from '../tick-to-paint.worker';
import { TICK_FRAMES_PER_SEC } from './tick-rate';

const RUN_MS = 8_000;
/** The first second (connect, first bars) is not measured. */
const WARMUP_MS = 1_000;
/** Ten indicators on the view, as a trader's chart might have. */
const TEN_INDICATORS = [
  'sma:20',
  'ema:50',
  'ema:200',
  'rsi:14',
  'macd:12,26,9',
  'bb:20,2',
  'atr:14',
  'adx:14',
  'stoch:14,3,3',
  'vwap',
];

const stamp = () => performance.timeOrigin + performance.now();

function percentiles(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN, samples: sorted.length };
}

let worker: Worker | null = null;
let api: ReturnType<typeof wrap<TickWorkerApi>> | null = null;
let host: HTMLDivElement | null = null;
const samples: { baseline: number[]; subject: number[] } = { baseline: [], subject: [] };

/**
 * One run: the feed worker streams from the local socket for RUN_MS; every batch is applied to a
 * real lightweight-charts chart on this page. Latency per batch: from the arrival in the worker
 * of the oldest trade new in the batch to the bar having been applied to the chart here.
 */
async function session(specs: readonly string[], into: number[]): Promise<number> {
  const chart = new CandleChart(host as HTMLDivElement, () => undefined);
  chart.setTimeframe('1m');
  chart.setHistory([]);
  const startedAt = stamp();
  let frames = 0;
  await api?.start(
    new URLSearchParams(location.search).get('tickSocket') ?? '',
    specs,
    proxy(({ batch, oldestArrivalMs }: StampedBatch) => {
      const mine: Candle[] = [];
      for (const u of batch.updates) if (u.candle.timeframe === '1m') mine.push(u.candle);
      if (mine.length === 0) return;
      chart.apply(mine);
      const appliedAt = stamp();
      frames = Math.max(frames, ...mine.map((c) => c.lastTradeId ?? 0));
      if (oldestArrivalMs > 0 && appliedAt - startedAt > WARMUP_MS) into.push(appliedAt - oldestArrivalMs);
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, RUN_MS));
  await api?.stop();
  chart.destroy();
  // Ops: the trades the socket sent in the run (the measure is the latency); say how many were charted.
  console.log(
    `tick-to-paint ${specs.length} indicators: ${frames} trades charted, ${into.length} latency samples so far`,
  );
  return (TICK_FRAMES_PER_SEC * RUN_MS) / 1000;
}

export const tickToPaint: BenchPair = {
  name: 'tick-to-paint',
  description: `trade frame arriving in the feed worker → bar applied to the page's chart, ${TICK_FRAMES_PER_SEC} frames/s from a local socket, 10 indicators on the view vs none`,
  async setup() {
    host = document.createElement('div');
    host.style.cssText = 'width:1200px;height:600px;position:fixed;left:0;top:0';
    document.body.append(host);
    worker = new Worker(new URL('../tick-to-paint.worker.ts', import.meta.url), { type: 'module' });
    api = wrap<TickWorkerApi>(worker);
    samples.baseline = [];
    samples.subject = [];
  },
  baseline: { name: 'no indicators', unit: 'trades', run: () => session([], samples.baseline) },
  subject: { name: '10 indicators', unit: 'trades', run: () => session(TEN_INDICATORS, samples.subject) },
  latencyTargetMs: 50,
  latency: () => ({ baseline: percentiles(samples.baseline), subject: percentiles(samples.subject) }),
};
