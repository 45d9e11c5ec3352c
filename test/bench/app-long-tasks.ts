import type { Browser, Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { preview } from 'vite';
import type { Trade } from '../../src/core/exchange/types';
import { parseIndicatorSpec } from '../../src/core/indicators/indicator-spec';
import { findIndicator } from '../../src/core/indicators/registry';
import type { SavedLayout } from '../../src/core/layout/saved-layout';
import { MockExchange } from '../mock-exchange/server';
import { demoTape } from '../mock-exchange/tape';
import type { BenchRow } from './benchmark';
import { mainThreadTasks, type TaskTimes } from './task-cpu';
import { TEN_INDICATORS } from './benchmarks/tick-to-paint';

/** Trades per second the mock venue streams at the app (one frame each, as Binance sends them). */
export const LONG_TASK_TRADES_PER_SEC = 5_000;
const RUN_MS = 10_000;
/** The stream runs this long before long tasks are counted (first bars, pair warm-up). */
const SETTLE_MS = 3_000;
const LIMIT_MS = 50;
export const LONG_TASK_NAME = 'main-thread-long-tasks';
const A = 'binance-spot:BTCUSDT';
const B = 'binance-spot:ETHUSDT';

/** The desk on screen: the ten indicators of `tick-to-paint` and a BTC/ETH pair view, 1m bars. */
function deskLayout(): SavedLayout {
  const indicators = TEN_INDICATORS.map((spec, i) => {
    const { name, params } = parseIndicatorSpec(spec);
    const definition = findIndicator(name);
    if (definition === undefined) throw new Error(`no indicator ${name}`);
    const full = definition.params.map((p, k) => params[k] ?? p.default);
    return { id: `bench-${i}`, name: definition.name, params: full, color: (i % 8) + 1, height: 120 };
  });
  return {
    instruments: [A, B],
    selected: A,
    timeframe: '1m',
    indicators,
    pair: { a: A, b: B, window: 100, bandK: 2, divergencePct: 0.5, divergenceBars: 60 },
    watchlistWindow: '24h',
  };
}

/**
 * `seconds` of trades at `perSec`, BTCUSDT and ETHUSDT alternating, timed so the market runs at
 * the wall clock's pace (a real 5,000 trades/s stream: bars close once a minute, not in a blur).
 * Prices and sizes come from the simulated market, re-timed.
 */
function denseTape(perSec: number, seconds: number): Trade[] {
  const source = demoTape('binance-spot', 5, 600 * 60_000);
  const bySymbol = ['BTCUSDT', 'ETHUSDT'].map((s) => source.filter((t) => t.symbol === s));
  const out: Trade[] = [];
  const count = perSec * seconds;
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < count; i++) {
    const side = bySymbol[i % 2] as Trade[];
    const t = side[Math.floor(i / 2) % side.length] as Trade;
    out.push({ ...t, id: Math.floor(i / 2) + 1, timeMs: start + Math.floor((i * 1000) / perSec) });
  }
  return out;
}

async function longTasksFor(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(
    (ms) =>
      new Promise<number[]>((resolve) => {
        const durations: number[] = [];
        const observer = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) durations.push(e.duration);
        });
        observer.observe({ type: 'longtask' });
        setTimeout(() => {
          for (const e of observer.takeRecords()) durations.push(e.duration);
          observer.disconnect();
          resolve(durations);
        }, ms);
      }),
    ms,
  );
}

/** Opens the app on the mock venue (confirming its endpoint, as a user would) with the desk laid out. */
async function openDesk(page: Page, base: string, mock: MockExchange): Promise<void> {
  const urls = mock.baseUrls()['binance-spot'];
  const query = new URLSearchParams({
    feed: 'live',
    instruments: [A, B].join(','),
    'endpoint.binance-spot.ws': urls.ws,
    'endpoint.binance-spot.rest': urls.rest,
  });
  await page.goto(`${base}/?${query.toString()}`);
  await page.getByTestId('endpoint-confirm').waitFor();
  await Promise.all([
    page.waitForURL((u) => u.search === '', { waitUntil: 'load' }),
    page.getByTestId('endpoint-accept').click(),
  ]);
  await page
    .getByTestId('connection-binance-spot')
    .and(page.locator('[data-state=live]'))
    .waitFor({ state: 'attached' });
  // The layout is stored while no app page runs (an open desk saves its own over it), then opened.
  await page.goto(`${base}/icons/icon.svg`);
  await page.evaluate(
    (layout) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('tapewatch');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('settings', 'readwrite');
          tx.objectStore('settings').put({ key: 'desk-current-layout', value: layout });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    deskLayout(),
  );
  await page.goto(base);
  await page
    .getByTestId('connection-binance-spot')
    .and(page.locator('[data-state=live]'))
    .waitFor({ state: 'attached' });
  await page.getByTestId('pair-view').waitFor();
}

/**
 * `main-thread-long-tasks`: the real app (production build, `vite preview`), live on the mock
 * Binance venue, the desk showing 10 indicators and a pair view; long tasks on the page's main
 * thread while 5,000 trades/s stream in, against the same page with the stream idle.
 */
export async function mainThreadLongTasks(browser: Browser, runs: number): Promise<BenchRow> {
  if (!existsSync('dist/index.html'))
    throw new Error('main-thread-long-tasks needs the production build: npm run build');
  const server = await preview({ preview: { port: 0, strictPort: false, host: '127.0.0.1' }, logLevel: 'warn' });
  const mock = await MockExchange.start();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  try {
    const base = (server.resolvedUrls?.local[0] ?? '').replace(/\/$/, '');
    const page = await context.newPage();
    page.on('pageerror', (e) => console.log(`[app] ${e.message}`));
    await openDesk(page, base, mock);
    const idle: number[][] = [];
    const idleCpu: TaskTimes[] = [];
    const streamingCpu: TaskTimes[] = [];
    const streaming: number[][] = [];
    const tape = denseTape(LONG_TASK_TRADES_PER_SEC, (runs * (RUN_MS + SETTLE_MS)) / 1000 + 5);
    let played = 0;
    for (let i = 0; i < runs; i++) {
      mock.tape.stop();
      idle.push(await traced(browser, page, idleCpu));
      const perRun = (LONG_TASK_TRADES_PER_SEC * (RUN_MS + SETTLE_MS)) / 1000;
      mock.tape.play(tape.slice(played, played + perRun), {
        tradesPerSec: LONG_TASK_TRADES_PER_SEC,
        paced: true,
        ...(i === 0 ? { startMs: Date.now() } : { keepTimeline: true }),
      });
      played += perRun;
      const before = mock.tape.emitted.length;
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const from = mock.tape.emitted.length;
      const profile = process.env['TAPEWATCH_BENCH_PROFILE'];
      const cdp = profile !== undefined && i === 0 ? await context.newCDPSession(page) : null;
      if (cdp !== null) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.start');
      }
      streaming.push(await traced(browser, page, streamingCpu));
      if (cdp !== null && profile !== undefined) {
        // On demand: the main thread's CPU profile of the first streaming run, for Chrome DevTools.
        const { profile: cpu } = await cdp.send('Profiler.stop');
        await writeFile(profile, JSON.stringify(cpu));
      }
      const sent = mock.tape.emitted.length - from;
      console.log(
        `[app] run ${i + 1}: idle ${describe(idle[i] ?? [], idleCpu[i])}; streaming ${describe(streaming[i] ?? [], streamingCpu[i])} while ${Math.round(sent / (RUN_MS / 1000))} trades/s were sent (${from - before} in the settle)`,
      );
      await mock.tape.done();
    }
    const worst = (xs: number[][]) => Math.max(0, ...xs.flat());
    const count = (xs: number[][]) => xs.flat().filter((d) => d > LIMIT_MS).length;
    const ms = RUN_MS * runs;
    return {
      name: LONG_TASK_NAME,
      description: `real app page, ${TEN_INDICATORS.length} indicators and a pair view on screen: main-thread long tasks while ${LONG_TASK_TRADES_PER_SEC.toLocaleString('en-US')} trades/s stream from a local socket vs the same page idle`,
      unit: 'long tasks',
      ops: count(streaming),
      baselineName: 'idle page',
      baselineMs: ms,
      subjectName: `${LONG_TASK_TRADES_PER_SEC.toLocaleString('en-US')} trades/s`,
      subjectMs: ms,
      baselineOpsPerSec: (count(idle) / ms) * 1000,
      subjectOpsPerSec: (count(streaming) / ms) * 1000,
      // Not a throughput comparison: the long-task counts and lengths are the result (null in JSON).
      ratio: NaN,
      target: null,
      runs,
      longTasks: {
        baseline: { count: count(idle), longestMs: worst(idle) },
        subject: { count: count(streaming), longestMs: worst(streaming) },
      },
      longTaskLimitMs: LIMIT_MS,
      taskCpu: {
        baseline: sumCpu(idleCpu),
        subject: sumCpu(streamingCpu),
      },
    };
  } finally {
    mock.tape.stop();
    await context.close();
    await mock.stop();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

function sumCpu(runs: readonly TaskTimes[]): TaskTimes {
  return {
    longByWall: runs.reduce((a, r) => a + r.longByWall, 0),
    longByCpu: runs.reduce((a, r) => a + r.longByCpu, 0),
    longestCpuMs: Math.max(0, ...runs.map((r) => r.longestCpuMs)),
    busyCpuMs: runs.reduce((a, r) => a + r.busyCpuMs, 0),
  };
}

function describe(durations: readonly number[], cpu: TaskTimes | undefined): string {
  const longest = durations.length > 0 ? ` (longest ${Math.max(...durations).toFixed(0)} ms)` : '';
  const own =
    cpu === undefined
      ? ''
      : `, main-thread CPU ${cpu.busyCpuMs.toFixed(0)} ms, tasks over 50 ms of CPU ${cpu.longByCpu} (most CPU in one task ${cpu.longestCpuMs.toFixed(0)} ms)`;
  return `${durations.length} long tasks${longest}${own}`;
}

/**
 * Long tasks (PerformanceObserver) in one window, under a `toplevel` trace whose per-task thread
 * CPU time tells the page's own work from waiting for a core. On-demand full trace of the first
 * window: TAPEWATCH_BENCH_TRACE=<file>.
 */
async function traced(browser: Browser, page: Page, cpu: TaskTimes[]): Promise<number[]> {
  await browser.startTracing(page, { categories: ['toplevel'] });
  const durations = await longTasksFor(page, RUN_MS);
  cpu.push(mainThreadTasks(await browser.stopTracing()));
  return durations;
}
