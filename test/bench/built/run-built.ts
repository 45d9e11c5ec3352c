/**
 * Benchmarks of the production build (not the bench page): each builds the app from the current
 * sources, serves it with `vite preview` and opens it in the benchmark's own Chromium.
 */
import type { Browser } from '@playwright/test';
import { sampleStartup, STARTUP_BUDGET_BYTES, total, type StartupSample } from '../benchmarks/startup-js';
import { buildAndServe } from './built-app';

export interface StartupRow {
  readonly name: 'startup-js';
  readonly runs: number;
  readonly samples: readonly StartupSample[];
  readonly budgetBytes: number;
}

export const BUILT_BENCHMARKS = ['startup-js'] as const;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function runBuiltBenchmarks(
  browser: Browser,
  selected: (name: string) => boolean,
  runs: number,
): Promise<StartupRow[]> {
  if (!BUILT_BENCHMARKS.some(selected)) return [];
  process.stderr.write('building the app for startup-js…\n');
  const app = await buildAndServe();
  try {
    const samples: StartupSample[] = [];
    for (let i = 0; i < runs; i++) {
      process.stderr.write(`running startup-js (${i + 1} of ${runs})…\n`);
      samples.push(await sampleStartup(browser, app));
    }
    const rows = samples.map((s, i) => ({
      run: i + 1,
      'HTML shell (baseline)': kb(s.shellBytes),
      page: kb(total(s.page)),
      'feed/other workers': kb(total(s.worker)),
      'page + workers': kb(total(s.page) + total(s.worker)),
      [`≤ ${kb(STARTUP_BUDGET_BYTES)}`]: total(s.page) + total(s.worker) <= STARTUP_BUDGET_BYTES ? 'yes' : 'NO',
      'before first contentful paint': kb(s.beforeFcp),
      'first bars at': `${Math.round(s.barsPaintedMs)} ms`,
    }));
    console.log('startup-js: gzip JavaScript loaded before the first bars are painted (cold, demo feed)');
    console.table(rows);
    const last = samples.at(-1);
    if (last !== undefined) {
      console.table(
        Object.entries({ ...last.page, ...last.worker }).map(([file, bytes]) => ({
          file,
          by: file in last.page ? 'page' : 'worker',
          gzip: kb(bytes),
        })),
      );
    }
    return [{ name: 'startup-js', runs, samples, budgetBytes: STARTUP_BUDGET_BYTES }];
  } finally {
    await app.close();
  }
}
