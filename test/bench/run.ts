/**
 * `npm run bench`: launches headless Chromium itself (not through the test runner, whose
 * instrumentation slows sockets ~3×), runs each benchmark in a worker, prints a table and
 * writes bench-results.json. Usage: npm run bench [-- name ...] [-- --runs N]
 */
import { chromium } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from '../browser';
import { LONG_TASK_NAME, mainThreadLongTasks } from './app-long-tasks';
import type { BenchRow } from './benchmark';
import { TICK_FRAMES_PER_SEC } from './benchmarks/tick-rate';
import { startTickSocket } from './tick-socket';
import { runBuiltBenchmarks, type StartupRow } from './built/run-built';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
const only = args.filter((a, i) => !a.startsWith('--') && (runsAt < 0 || i !== runsAt + 1));
/** A name selects that benchmark and its group: `windows` runs `windows-sma`, `windows-max`, ... */
const selected = (name: string): boolean =>
  only.length === 0 || only.some((o) => name === o || name.startsWith(`${o}-`));

const server = await createServer({
  configFile: false,
  root: process.cwd(),
  logLevel: 'warn',
  worker: { format: 'es' },
  // Only the bench page is an entry: the app's PWA virtual modules are not part of it.
  // Pre-bundle what the bench worker imports, so no mid-run dependency discovery reloads the page.
  optimizeDeps: {
    entries: ['test/bench/index.html', 'test/bench/bench.worker.ts'],
    include: [
      'comlink',
      'trading-signals',
      'dexie',
      'lightweight-charts',
      'afinn-165-financialmarketnews',
      // The anomaly benchmarks' TF.js (the model worker's parts of it).
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-layers',
      '@tensorflow/tfjs-backend-cpu',
      '@tensorflow/tfjs-backend-wasm',
    ],
    noDiscovery: true,
  },
  server: { port: 0, host: '127.0.0.1', hmr: false },
});
await server.listen();
// The local exchange socket `tick-to-paint` streams from.
const tickSocket = await startTickSocket(TICK_FRAMES_PER_SEC);
const address = server.httpServer?.address();
const port = typeof address === 'object' && address !== null ? address.port : 0;
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
const rows: BenchRow[] = [];
let builtRows: StartupRow[] = [];
try {
  const context = await browser.newContext();
  // alert-to-notification shows real notifications.
  await context.grantPermissions(['notifications']);
  const page = await context.newPage();
  page.on('console', (m) => console.log(`[page] ${m.text()}`));
  await page.goto(`http://127.0.0.1:${port}/test/bench/index.html?tickSocket=${tickSocket.url}`);
  await page.waitForFunction(() => document.body.dataset['ready'] === 'true');
  const names = await page.evaluate(() =>
    (globalThis as unknown as { bench: { names(): Promise<string[]> } }).bench.names(),
  );
  for (const name of names.filter(selected)) {
    process.stderr.write(`running ${name} (${runs} runs)…\n`);
    const row = await page.evaluate(
      ([n, r]) =>
        (globalThis as unknown as { bench: { run(n: string, r: number): Promise<BenchRow> } }).bench.run(n, r),
      [name, runs] as const,
    );
    rows.push(row);
  }
  // Benchmarks that need the page itself (a chart to paint) run on its main thread, as the app's do.
  const pageNames = await page.evaluate(() =>
    (globalThis as unknown as { benchPage: { names(): string[] } }).benchPage.names(),
  );
  for (const name of pageNames.filter(selected)) {
    process.stderr.write(`running ${name} on the page (${runs} runs)…\n`);
    const row = await page.evaluate(
      ([n, r]) =>
        (globalThis as unknown as { benchPage: { run(n: string, r: number): Promise<BenchRow> } }).benchPage.run(n, r),
      [name, runs] as const,
    );
    rows.push(row);
  }
  // Benchmarks of the real app (production build) in its own page.
  if (selected(LONG_TASK_NAME)) {
    // Alone in the browser: the trace's busiest renderer main thread is the app's.
    await page.close();
    process.stderr.write(`running ${LONG_TASK_NAME} in the app (${Math.min(runs, 3)} runs)…\n`);
    rows.push(await mainThreadLongTasks(browser, Math.min(runs, 3)));
  }
  // Benchmarks of the production build (start-up bytes) open it in the same browser.
  builtRows = await runBuiltBenchmarks(browser, selected, runs);
} finally {
  await browser.close();
  await server.close();
  await tickSocket.close();
}

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));
const table = rows.map((r) => ({
  benchmark: r.name,
  ops: `${r.ops.toLocaleString('en-US')} ${r.unit}`,
  [`baseline`]: `${r.baselineName}: ${fmt(r.baselineMs)} ms (${fmt(r.baselineOpsPerSec)}/s)`,
  [`subject`]: `${r.subjectName}: ${fmt(r.subjectMs)} ms (${fmt(r.subjectOpsPerSec)}/s)`,
  ratio: r.longTasks === undefined ? r.ratio.toFixed(3) : '',
  target: r.target === null ? '' : `≥ ${r.target}`,
  met: r.target === null ? '' : r.ratio >= r.target ? 'yes' : 'NO',
  ...(r.absoluteTargetMs === undefined
    ? {}
    : {
        'time limit': `${fmt(r.subjectMs)} ms ≤ ${r.absoluteTargetMs} ms: ${r.subjectMs <= r.absoluteTargetMs ? 'yes' : 'NO'}`,
      }),
  ...(r.requiredOpsPerSec === undefined || r.headroom === undefined
    ? {}
    : {
        'keeps up': `${fmt(r.subjectOpsPerSec)}/s vs ${fmt(r.requiredOpsPerSec)}/s needed: ${r.headroom.toFixed(1)}×`,
      }),
  ...(r.latency === undefined
    ? {}
    : {
        'latency p50/p99': `${r.baselineName}: ${fmt(r.latency.baseline.p50)}/${fmt(r.latency.baseline.p99)} ms; ${r.subjectName}: ${fmt(r.latency.subject.p50)}/${fmt(r.latency.subject.p99)} ms (n=${r.latency.subject.samples})${r.latencyTargetMs === undefined ? '' : ` · p99 ≤ ${r.latencyTargetMs} ms: ${r.latency.subject.p99 <= r.latencyTargetMs ? 'yes' : 'NO'}`}`,
      }),
  ...(r.longTasks === undefined
    ? {}
    : {
        'long tasks': `${r.baselineName}: ${r.longTasks.baseline.count} (longest ${fmt(r.longTasks.baseline.longestMs)} ms); ${r.subjectName}: ${r.longTasks.subject.count} (longest ${fmt(r.longTasks.subject.longestMs)} ms)${r.longTaskLimitMs === undefined ? '' : ` · none > ${r.longTaskLimitMs} ms: ${r.longTasks.subject.longestMs <= r.longTaskLimitMs ? 'yes' : 'NO'}`}${r.taskCpu === undefined ? '' : ` · by main-thread CPU: ${r.taskCpu.subject.longByCpu} over ${r.longTaskLimitMs ?? 50} ms (most in one task ${fmt(r.taskCpu.subject.longestCpuMs)} ms)`}`,
      }),
}));
if (table.length > 0) console.table(table);
const browserVersion = browser.version();
await writeFile(
  'bench-results.json',
  `${JSON.stringify({ date: new Date().toISOString(), browser: browserVersion, cpus: cpus().length, cpu: cpus()[0]?.model, rows, built: builtRows }, null, 2)}\n`,
);
console.log('wrote bench-results.json');
