/**
 * `startup-js`: gzip bytes of JavaScript the built app loads before its first paint of bars, page
 * and feed worker apart. Runs from Node: a fresh browser context (no service worker, empty cache,
 * demo feed, so no network is needed) opens the production build; every script response the page
 * and its workers fetched before the chart's first bars are on screen is counted, gzip -9 of the
 * built file (what a compressing host sends). Baseline: the bare HTML shell (the document alone).
 */
import type { Browser, Worker } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BuiltApp } from '../built/built-app';

/** The budget for page + feed worker, gzip. */
export const STARTUP_BUDGET_BYTES = 150 * 1024;

export interface StartupSample {
  /** gzip bytes by script path, split by who fetched it. */
  readonly page: Readonly<Record<string, number>>;
  readonly worker: Readonly<Record<string, number>>;
  /** gzip bytes of scripts fetched before the browser's first contentful paint. */
  readonly beforeFcp: number;
  readonly shellBytes: number;
  readonly barsPaintedMs: number;
}

const gzipOf = (app: BuiltApp, path: string): number =>
  gzipSync(readFileSync(join(app.outDir, path)), { level: 9 }).length;

interface Entry {
  readonly name: string;
  readonly atMs: number;
}

/** One cold start: resource timing of the page and of every worker, up to the first bars. */
export async function sampleStartup(browser: Browser, app: BuiltApp): Promise<StartupSample> {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const workers: Worker[] = [];
    page.on('worker', (w) => workers.push(w));
    await page.goto(`${app.url}/?feed=demo`);
    // First bars on screen: the legend shows the newest bar's close once the chart has drawn it.
    await page.waitForFunction(
      () => (document.querySelector('[data-testid=legend] [data-field=close]')?.textContent ?? '') !== '',
      undefined,
      { timeout: 60_000, polling: 'raf' },
    );
    const page0 = await page.evaluate(() => ({
      origin: performance.timeOrigin,
      now: performance.now(),
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      entries: performance
        .getEntriesByType('resource')
        .map((e) => ({ name: e.name, atMs: performance.timeOrigin + e.startTime })),
    }));
    const paintedAt = page0.origin + page0.now;
    const fcpAt = page0.fcp === null ? paintedAt : page0.origin + page0.fcp;
    const workerEntries: Entry[] = [];
    for (const w of workers) {
      const got = await w
        .evaluate(() =>
          performance
            .getEntriesByType('resource')
            .map((e) => ({ name: e.name, atMs: performance.timeOrigin + e.startTime })),
        )
        .catch(() => [] as Entry[]);
      workerEntries.push(...got);
    }
    const scripts = (entries: readonly Entry[], until: number): string[] =>
      entries
        .filter((e) => e.atMs <= until && e.name.startsWith(app.url) && e.name.endsWith('.js'))
        .map((e) => new URL(e.name).pathname);
    // Chromium reports a worker's own script in the page's timeline; the name says whose it is.
    const all = new Set([...scripts(page0.entries, paintedAt), ...scripts(workerEntries, paintedAt)]);
    const isWorker = (p: string) => /\.worker-[\w-]+\.js$/.test(p) || workerScripts0.has(p);
    const workerScripts0 = new Set(scripts(workerEntries, paintedAt));
    const pageScripts = new Set([...all].filter((p) => !isWorker(p)));
    const workerScripts = new Set([...all].filter(isWorker));
    const sizes = (paths: Set<string>) => Object.fromEntries([...paths].sort().map((p) => [p, gzipOf(app, p)]));
    const beforeFcp = [...new Set([...scripts(page0.entries, fcpAt), ...scripts(workerEntries, fcpAt)])].reduce(
      (sum, p) => sum + gzipOf(app, p),
      0,
    );
    return {
      page: sizes(pageScripts),
      worker: sizes(workerScripts),
      beforeFcp,
      shellBytes: gzipOf(app, 'index.html'),
      barsPaintedMs: page0.now,
    };
  } finally {
    await context.close();
  }
}

export const total = (r: Readonly<Record<string, number>>): number => Object.values(r).reduce((a, b) => a + b, 0);
