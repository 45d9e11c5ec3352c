import Dexie from 'dexie';
import { CandleChart } from '../../../src/app/features/chart/candle-chart';
import { MAX_CHART_BARS, SCROLL_PAGE_BARS } from '../../../src/app/state/chart-session';
import { CandleReader } from '../../../src/data/candle-store';
import { TapewatchDb } from '../../../src/data/db';
import type { BenchPair, Latency } from '../benchmark';
import { benchCandles } from './bench-candles';

/** One year of 1m bars stored; the chart opens on the newest 5,000, as the app does. */
const YEAR = 525_600;
const FIRST_LOAD = 5_000;
/**
 * Older pages scrolled through per run: 40 pages of 2,000 bars (80,000 bars, 56 days) back from
 * the newest. The untrimmed baseline holds ever more bars and gets slower per page, so a whole
 * year of it takes many minutes; the trimmed subject's per-page cost does not depend on the depth.
 */
const PAGES = 40;
const KEY = { venue: 'binance-spot', symbol: 'BTCUSDT', timeframe: '1m' } as const;
const DB_NAME = 'bench-scroll-back';

let db: TapewatchDb | null = null;
let host: HTMLDivElement | null = null;
const samples = { baseline: [] as number[], subject: [] as number[] };

function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

function percentiles(xs: number[]): Latency {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN, samples: sorted.length };
}

/** Scrolls back `PAGES` pages: each a range read of the next older 2,000 bars, prepended, painted. */
async function scrollBack(maxBars: number, into: number[]): Promise<number> {
  const chart = new CandleChart(host as HTMLDivElement, () => undefined);
  const reader = new CandleReader(db as TapewatchDb);
  chart.setHistory(await reader.latest(KEY, FIRST_LOAD));
  chart.fitRecent();
  await nextPaint();
  let pages = 0;
  for (; pages < PAGES; pages++) {
    const oldest = chart.oldestTimeMs();
    if (oldest === null) break;
    const t0 = performance.now();
    const older = await reader.latest(KEY, SCROLL_PAGE_BARS, oldest - 1);
    if (older.length === 0) break;
    chart.prependHistory(older, maxBars);
    await nextPaint();
    into.push(performance.now() - t0);
  }
  chart.destroy();
  return pages;
}

/**
 * Time from reaching the oldest bar held to the next older page painted, scrolling back through
 * a year of stored 1m bars: range reads with the chart trimmed to `MAX_CHART_BARS`, against the
 * same range reads with nothing trimmed (the chart keeps everything scrolled through).
 */
export const scrollBackBench: BenchPair = {
  name: 'scroll-back',
  description: `${PAGES} older pages of ${SCROLL_PAGE_BARS} 1m bars through a stored year: trimmed to ${MAX_CHART_BARS} vs untrimmed`,
  latencyTargetMs: 100,
  async setup() {
    samples.baseline = [];
    samples.subject = [];
    host = document.createElement('div');
    host.style.cssText = 'width:1200px;height:600px;position:fixed;left:0;top:0';
    document.body.append(host);
    await Dexie.delete(DB_NAME);
    db = new TapewatchDb(DB_NAME);
    const year = benchCandles(YEAR);
    for (let i = 0; i < year.length; i += 50_000) await db.candles.bulkPut(year.slice(i, i + 50_000));
  },
  baseline: { name: 'untrimmed', unit: 'pages', run: () => scrollBack(Number.POSITIVE_INFINITY, samples.baseline) },
  subject: { name: 'trimmed', unit: 'pages', run: () => scrollBack(MAX_CHART_BARS, samples.subject) },
  latency: () => ({ baseline: percentiles(samples.baseline), subject: percentiles(samples.subject) }),
};
