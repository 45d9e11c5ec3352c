import { proxy, wrap } from 'comlink';
import type { TimeframeId } from '../../../src/core/candles/timeframe';
import { DEFAULT_INDICATOR_SPECS } from '../../../src/core/indicators/indicator-engine';
import { parseIndicatorSpec } from '../../../src/core/indicators/indicator-spec';
import { CandleChart } from '../../../src/app/features/chart/candle-chart';
import type { ChartHistory } from '../../../src/app/features/chart/chart-history';
import type { IndicatorOnChart } from '../../../src/app/features/indicators/indicator-list';
import { ChartSession } from '../../../src/app/state/chart-session';
import type { BenchPair } from '../benchmark';
import { describeTasks, LongTasks, percentiles } from '../long-tasks';
import type { StampedBatch, TickWorkerApi } from '../tick-to-paint.worker';
import { TICK_FRAMES_PER_SEC } from './tick-rate';
import { stamp } from '../shared-clock';

const RUN_MS = 8_000;
/** The first second (connect, first bars) is not measured. */
const WARMUP_MS = 1_000;
/** Ten indicators on the view: the app's default chart set (trend, momentum, volatility, volume). */
export const TEN_INDICATORS: readonly string[] = DEFAULT_INDICATOR_SPECS.slice(0, 10);
const TIMEFRAME: TimeframeId = '1m';

/** The chart's instances for `specs`, as the indicator list makes them (colours 1…8). */
export function indicatorsOnChart(specs: readonly string[]): IndicatorOnChart[] {
  return specs.map((spec, i) => {
    const { name, params } = parseIndicatorSpec(spec);
    return { id: `i${i}`, name, params, color: (i % 8) + 1, height: 120 };
  });
}

/** Stored history the session would load: none, the bench starts from an empty database. */
const noHistory = { bars: () => Promise.resolve([]), gaps: () => Promise.resolve([]) } as unknown as ChartHistory;

let api: ReturnType<typeof wrap<TickWorkerApi>> | null = null;
let host: HTMLDivElement | null = null;
const samples: { baseline: number[]; subject: number[] } = { baseline: [], subject: [] };

/** Per-batch stage times of the subject (ms): arrival → worker frame, frame → posted, posted → page, page → applied. */
const stages: number[][] = [[], [], [], []];

/**
 * One run: the worker streams from the local socket for RUN_MS and every batch reaches this
 * page. `specs` null: the bare floor (no feed, nothing drawn). Otherwise the real feed controller
 * and analytics stage in the worker, and the app's ChartSession here, drawing candles and the
 * indicators' overlays on a real lightweight-charts chart. Latency per batch: from the arrival in
 * the worker of the oldest trade new in the batch to the batch having been applied here.
 */
async function session(specs: readonly string[] | null, into: number[]): Promise<number> {
  const chart = new CandleChart(host as HTMLDivElement, () => undefined);
  const charted = new ChartSession(noHistory);
  charted.attach(chart);
  charted.show({ venue: 'binance-spot', symbol: 'BTCUSDT' }, TIMEFRAME);
  charted.acceptView(1);
  charted.setIndicators(indicatorsOnChart(specs ?? []));
  const tasks = new LongTasks();
  const startedAt = stamp();
  let batches = 0;
  const listener = proxy(({ batch, oldestArrivalMs, frameMs, emittedMs }: StampedBatch) => {
    const receivedAt = stamp();
    charted.onBatch(batch);
    const appliedAt = stamp();
    batches++;
    if (oldestArrivalMs <= 0 || appliedAt - startedAt <= WARMUP_MS) return;
    into.push(appliedAt - oldestArrivalMs);
    if (specs === null) return;
    const times = [frameMs - oldestArrivalMs, emittedMs - frameMs, receivedAt - emittedMs, appliedAt - receivedAt];
    times.forEach((t, i) => stages[i]?.push(t));
  });
  const url = new URLSearchParams(location.search).get('tickSocket') ?? '';
  if (specs === null) await api?.startBare(url, listener);
  else await api?.start(url, specs, listener);
  await new Promise((resolve) => setTimeout(resolve, RUN_MS));
  const stalls = (await api?.stop()) ?? [];
  const pageTasks = tasks.stop();
  chart.destroy();
  console.log(
    `tick-to-paint ${specs === null ? 'bare' : `${specs.length} indicators`}: ${(batches / (RUN_MS / 1000)).toFixed(1)} batches/s; page long tasks ${describeTasks(pageTasks)}; worker stalls ${describeTasks([...stalls])}`,
  );
  // Ops: the trades the socket sent in the run (the measure is the latency).
  return (TICK_FRAMES_PER_SEC * RUN_MS) / 1000;
}

function stageReport(): string {
  const names = ['arrival→worker frame', 'frame→posted', 'posted→page', 'page→applied'];
  return names
    .map((n, i) => {
      const l = percentiles(stages[i] ?? []);
      return `${n} p50 ${l.p50.toFixed(1)} / p99 ${l.p99.toFixed(1)} ms`;
    })
    .join('; ');
}

export const tickToPaint: BenchPair = {
  name: 'tick-to-paint',
  description: `trade frame arriving in the feed worker → bar and indicators applied to the page's chart, ${TICK_FRAMES_PER_SEC} frames/s from a local socket, ${TEN_INDICATORS.length} indicators on screen, vs the bare socket → worker frame → page floor`,
  async setup() {
    host = document.createElement('div');
    host.style.cssText = 'width:1280px;height:1000px;position:fixed;left:0;top:0';
    document.body.append(host);
    const worker = new Worker(new URL('../tick-to-paint.worker.ts', import.meta.url), { type: 'module' });
    api = wrap<TickWorkerApi>(worker);
    samples.baseline = [];
    samples.subject = [];
    for (const s of stages) s.length = 0;
  },
  baseline: { name: 'bare socket → page', unit: 'trades', run: () => session(null, samples.baseline) },
  subject: {
    name: `${TEN_INDICATORS.length} indicators`,
    unit: 'trades',
    run: () => session(TEN_INDICATORS, samples.subject),
  },
  latencyTargetMs: 50,
  latency: () => {
    console.log(`tick-to-paint stages: ${stageReport()}`);
    return { baseline: percentiles(samples.baseline), subject: percentiles(samples.subject) };
  },
};
