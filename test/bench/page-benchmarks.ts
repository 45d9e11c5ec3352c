import Dexie from 'dexie';
import type { Candle } from '../../src/core/candles/candle';
import { CandleChart } from '../../src/app/features/chart/candle-chart';
import { CandleReader } from '../../src/data/candle-store';
import { TapewatchDb } from '../../src/data/db';
import type { BenchPair } from './benchmark';
import { benchCandles } from './benchmarks/bench-candles';
import { scrollBackBench } from './benchmarks/scroll-back';
import { tickToPaint } from './benchmarks/tick-to-paint';
import { anomalyTrainLongTasks, forecastTrainLongTasks } from './benchmarks/anomaly-long-tasks';
import { alertToNotification } from './benchmarks/alert-latency';

/** One year of 1m bars. */
const YEAR = 525_600;
/** What the app loads first: the visible range and some history around it. */
const FIRST_LOAD = 5_000;
const KEY = { venue: 'binance-spot', symbol: 'BTCUSDT', timeframe: '1m' } as const;

let db: TapewatchDb | null = null;
let host: HTMLDivElement | null = null;

function nextPaint(): Promise<void> {
  // Two frames: the chart draws on the first, the browser paints after it.
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

async function paint(load: (reader: CandleReader) => Promise<Candle[]>): Promise<number> {
  const chart = new CandleChart(host as HTMLDivElement, () => undefined);
  const bars = await load(new CandleReader(db as TapewatchDb));
  chart.setHistory(bars);
  chart.fitRecent();
  await nextPaint();
  chart.destroy();
  // Ops: one paint per run (the time is what matters); same for both sides.
  return 1;
}

/**
 * Time to first paint of a year of stored 1m bars: the app's way (newest visible range first,
 * by index cursor) against loading the whole year and handing it to the chart.
 */
export const firstPaint: BenchPair = {
  name: 'first-paint-1y',
  description: `first paint of ${YEAR.toLocaleString('en-US')} stored 1m bars: visible range first vs whole year`,
  absoluteTargetMs: 1000,
  async setup() {
    host = document.createElement('div');
    host.style.cssText = 'width:1200px;height:600px;position:fixed;left:0;top:0';
    document.body.append(host);
    await Dexie.delete('bench-first-paint');
    db = new TapewatchDb('bench-first-paint');
    const year = benchCandles(YEAR);
    for (let i = 0; i < year.length; i += 50_000) await db.candles.bulkPut(year.slice(i, i + 50_000));
    db.close();
    db = new TapewatchDb('bench-first-paint');
    await db.open();
  },
  baseline: {
    name: 'whole year',
    unit: 'paints',
    run: () => paint((reader) => reader.range(KEY, -Infinity, Infinity)),
  },
  subject: {
    name: 'visible range first',
    unit: 'paints',
    run: () => paint((reader) => reader.latest(KEY, FIRST_LOAD)),
  },
};

export const PAGE_BENCHMARKS: readonly BenchPair[] = [
  firstPaint,
  tickToPaint,
  anomalyTrainLongTasks,
  forecastTrainLongTasks,
  scrollBackBench,
  alertToNotification,
];
