/**
 * `npm run audit [-- --out lighthouse.json] [-- --desktop] [-- --url http://…]`: Lighthouse on the
 * production build. Builds the app from the current sources (unless `--url` names a running one),
 * serves it with `vite preview`, runs Lighthouse (mobile by default, its standard throttling) in the
 * system Chromium with the test flags, prints performance, accessibility and best-practices scores
 * with total blocking time and largest contentful paint, and writes the full report as JSON.
 * Exits non-zero when a target is missed (performance ≥ 95, TBT ≤ 150 ms, accessibility and best
 * practices 100) or Lighthouse fails.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { renameSync, writeFileSync } from 'node:fs';
import { buildAndServe, type BuiltApp } from '../test/bench/built/built-app';
import { CHROMIUM_ARGS, chromiumPath } from '../test/browser';

interface Options {
  out: string;
  desktop: boolean;
  url: string | null;
}

const USAGE = `usage: npm run audit [-- --out FILE] [-- --desktop] [-- --url URL]
  --out FILE   where the Lighthouse JSON goes (default lighthouse-report.json)
  --desktop    desktop form factor instead of mobile
  --url URL    audit a running app instead of building and serving one`;

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { out: 'lighthouse-report.json', desktop: false, url: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${arg} needs a value\n${USAGE}`);
      return v;
    };
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg === '--out') options.out = value();
    else if (arg === '--url') options.url = value();
    else if (arg === '--desktop') options.desktop = true;
    else throw new Error(`unknown flag ${arg}\n${USAGE}`);
  }
  return options;
}

const TARGETS = { performance: 95, accessibility: 100, 'best-practices': 100 } as const;
const TBT_TARGET_MS = 150;

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const chromePath = chromiumPath();
  if (chromePath === undefined) throw new Error('no Chromium found: set CHROMIUM_PATH or install chromium');
  let app: BuiltApp | null = null;
  const base = options.url ?? (app = await buildAndServe()).url;
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: [...CHROMIUM_ARGS, '--headless=new'],
  });
  try {
    // Demo feed: the audit needs no network and measures the app, not an exchange.
    const result = await lighthouse(
      `${base}/?feed=demo`,
      { port: chrome.port, output: 'json', logLevel: 'error' },
      {
        extends: 'lighthouse:default',
        settings: {
          onlyCategories: ['performance', 'accessibility', 'best-practices'],
          ...(options.desktop
            ? {
                formFactor: 'desktop',
                screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false },
                throttling: {
                  rttMs: 40,
                  throughputKbps: 10240,
                  cpuSlowdownMultiplier: 1,
                  requestLatencyMs: 0,
                  downloadThroughputKbps: 0,
                  uploadThroughputKbps: 0,
                },
              }
            : {}),
        },
      },
    );
    if (result === undefined) throw new Error('Lighthouse returned no result');
    const lhr = result.lhr;
    const tmp = `${options.out}.tmp`;
    writeFileSync(tmp, typeof result.report === 'string' ? result.report : JSON.stringify(lhr));
    renameSync(tmp, options.out);
    const score = (id: keyof typeof TARGETS) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    const tbt = lhr.audits['total-blocking-time']?.numericValue ?? Number.NaN;
    const lcp = lhr.audits['largest-contentful-paint']?.numericValue ?? Number.NaN;
    const rows: { category: string; score: number; target: string; met: string }[] = (
      Object.keys(TARGETS) as (keyof typeof TARGETS)[]
    ).map((id) => ({
      category: id,
      score: score(id),
      target: `≥ ${TARGETS[id]}`,
      met: score(id) >= TARGETS[id] ? 'yes' : 'NO',
    }));
    rows.push({
      category: 'total blocking time',
      score: Math.round(tbt),
      target: `≤ ${TBT_TARGET_MS} ms`,
      met: tbt <= TBT_TARGET_MS ? 'yes' : 'NO',
    });
    rows.push({ category: 'largest contentful paint', score: Math.round(lcp), target: 'ms', met: '' });
    console.log(
      `Lighthouse ${lhr.lighthouseVersion}, ${options.desktop ? 'desktop' : 'mobile'}, ${lhr.finalDisplayedUrl}`,
    );
    console.table(rows);
    // What cost points, so a miss says where to look.
    for (const id of Object.keys(TARGETS) as (keyof typeof TARGETS)[]) {
      for (const ref of lhr.categories[id]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (audit === undefined || ref.weight === 0 || audit.score === null || audit.score >= 0.9) continue;
        console.log(
          `  ${id}: ${audit.id} (${audit.score}) ${audit.title}${audit.displayValue ? ` — ${audit.displayValue}` : ''}`,
        );
      }
    }
    console.log(`wrote ${options.out}`);
    return rows.every((r) => r.met !== 'NO') ? 0 : 1;
  } finally {
    chrome.kill();
    await app?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`audit: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
