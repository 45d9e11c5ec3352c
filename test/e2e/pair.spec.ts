import { expect, test, type Page } from './fixtures';
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Candle } from '../../src/core/candles/candle';
import { candlesToCsv } from '../../src/core/csv/candles-csv';
import type { LiveVenueId } from '../../src/core/exchange/registry';
import { DivergenceDetector } from '../../src/core/stats/divergence-detector';
import { MockExchange } from '../mock-exchange/server';
import { demoTape } from '../mock-exchange/tape';
import {
  axeFindings,
  expectVenueStoredEqualsReference,
  mockEndpoints,
  openConfirmedLink,
  readCandles,
} from './helpers';

const run = promisify(execFile);

/** Two mock venues, BTC against ETH: the pair of seed 004. */
const A = { venue: 'binance-spot', symbol: 'BTCUSDT', key: 'binance-spot:BTCUSDT' } as const;
const B = { venue: 'coinbase', symbol: 'ETH-USD', key: 'coinbase:ETH-USD' } as const;
const VENUES: readonly LiveVenueId[] = ['binance-spot', 'coinbase'];
/** Market minutes on the tape: several hundred 1s bars per leg. */
const TAPE_MS = 8 * 60_000;
const WINDOW = 40;
/** A tighter rule than seed 004's 0.5 % in 60 bars, so the quiet demo market crosses it. */
const DIVERGENCE = { pct: 0.04, bars: 20 };
const OUT = 'test-results/pair';

let mock: MockExchange;

test.beforeEach(async () => {
  mock = await MockExchange.start();
});

test.afterEach(async () => {
  await mock.stop();
});

function appUrl(): string {
  const query = new URLSearchParams({
    feed: 'live',
    instruments: [A.key, B.key].join(','),
    ...mockEndpoints(mock.baseUrls(), VENUES),
  });
  return `/?${query.toString()}`;
}

const close = (actual: number, expected: number, what: string) =>
  expect(Math.abs(actual - expected), `${what}: page ${actual} vs cli ${expected}`).toBeLessThanOrEqual(
    1e-9 * Math.max(1e-12, Math.abs(expected)),
  );

/** A number the page shows in full precision in `data-value`; null when empty. */
async function shown(page: Page, scope: string, field: string): Promise<number | null> {
  const text = await page.getByTestId(scope).locator(`[data-field=${field}]`).getAttribute('data-value');
  return text === null || text === '' ? null : Number(text);
}

interface CliRow {
  readonly [column: string]: number | null;
}

/** Runs `npm run --silent cli -- pair` on two candle files; the CSV rows by open time, and the summary. */
async function cliPair(a: Candle[], b: Candle[], tag: string) {
  await mkdir(OUT, { recursive: true });
  const [fa, fb, out] = [`${OUT}/${tag}-a.csv`, `${OUT}/${tag}-b.csv`, `${OUT}/${tag}-pair.csv`];
  await writeFile(fa, candlesToCsv(a));
  await writeFile(fb, candlesToCsv(b));
  const { stdout } = await run('npm', [
    'run',
    '--silent',
    'cli',
    '--',
    'pair',
    '--a',
    fa,
    '--b',
    fb,
    '--window',
    String(WINDOW),
    '--out',
    out,
  ]);
  const [header, ...lines] = (await readFile(out, 'utf8')).trim().split('\n');
  const columns = (header as string).split(',');
  const rows = new Map<number, CliRow>();
  for (const line of lines) {
    const cells = line.split(',');
    const row: Record<string, number | null> = {};
    columns.forEach((c, i) => (row[c] = cells[i] === '' ? null : Number(cells[i])));
    rows.set(row['open_time_ms'] as number, row);
  }
  return {
    rows,
    summary: JSON.parse(stdout) as {
      bars: number;
      ols: { beta: number };
      adf: { pvalue: number | null };
      coint: { pvalue: number };
      halfLifeBars: number | null;
    },
  };
}

/** The pair view's values equal the CLI on the same bars exported from the page's IndexedDB. */
async function expectPairEqualsCli(page: Page, tag: string): Promise<void> {
  const a = await readCandles(page, A.venue, A.symbol, '1s');
  const b = await readCandles(page, B.venue, B.symbol, '1s');
  const row = page.getByTestId('pair-row');
  // The newest common bar is on the legend once the last frame is in.
  const lastCommon = Math.max(...a.map((c) => c.openTimeMs).filter((t) => b.some((c) => c.openTimeMs === t)));
  await expect(row).toHaveAttribute('data-time', String(lastCommon));
  const all = await cliPair(a as unknown as Candle[], b as unknown as Candle[], `${tag}-all`);
  const cliRow = all.rows.get(lastCommon)!;
  const fields: [string, string][] = [
    ['olsBeta', 'ols_beta'],
    ['olsAlpha', 'ols_alpha'],
    ['kalmanBeta', 'kalman_beta'],
    ['spread', 'spread'],
    ['zscore', 'zscore'],
    ['correlation', 'correlation'],
  ];
  for (const [field, column] of fields) {
    const expected = cliRow[column];
    expect(expected, column).not.toBeNull();
    close((await shown(page, 'pair-row', field))!, expected!, field);
  }

  // The summary covers the last `bars` bars both legs have closed.
  const closedB = new Map(b.filter((c) => c.closed).map((c) => [c.openTimeMs, c]));
  const common = a.filter((c) => c.closed && closedB.has(c.openTimeMs));
  expect(common.length).toBeGreaterThanOrEqual(100);
  // Refreshed at most every few seconds while bars close, and once more when the market goes quiet.
  await expect(page.getByTestId('pair-summary')).toHaveAttribute('data-bars', String(common.length));
  const bars = common.length;
  const tail = common.slice(-bars);
  const part = await cliPair(
    tail as unknown as Candle[],
    tail.map((c) => closedB.get(c.openTimeMs)!) as unknown as Candle[],
    `${tag}-closed`,
  );
  close((await shown(page, 'pair-summary', 'summaryBeta'))!, part.summary.ols.beta, 'ols beta (full)');
  close((await shown(page, 'pair-summary', 'cointPvalue'))!, part.summary.coint.pvalue, 'Engle-Granger p');
  close((await shown(page, 'pair-summary', 'adfPvalue'))!, part.summary.adf.pvalue!, 'ADF p');
  if (part.summary.halfLifeBars === null) expect(await shown(page, 'pair-summary', 'halfLifeBars')).toBeNull();
  else close((await shown(page, 'pair-summary', 'halfLifeBars'))!, part.summary.halfLifeBars, 'half-life');

  // Divergence markers: one per excursion of the return difference past the rule, on closed bars.
  const detector = new DivergenceDetector({ threshold: DIVERGENCE.pct / 100, windowMs: DIVERGENCE.bars * 1_000 });
  let events = 0;
  for (const c of common) {
    const first = detector.update('a', c.openTimeMs, Number(c.close));
    const second = detector.update('b', c.openTimeMs, Number(closedB.get(c.openTimeMs)!.close));
    if ((second ?? first) !== null) events++;
  }
  expect(events).toBeGreaterThan(0);
  await expect(page.getByTestId('pair-view')).toHaveAttribute('data-markers', String(events));
}

test('pair view of two mock venues: values equal the pair command, divergences marked, layout restored on reload', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openConfirmedLink(page, appUrl());
  for (const v of VENUES) await expect(page.getByTestId(`connection-${v}`)).toHaveAttribute('data-state', 'live');
  const toast = page.getByRole('button', { name: 'OK', exact: true });
  if (await toast.isVisible()) await toast.click();

  await page.getByRole('tab', { name: '1s' }).click();
  await page.getByTestId('pair-toggle').click();
  const view = page.getByTestId('pair-view');
  await expect(view).toBeVisible();
  await page.getByTestId('pair-a').selectOption(A.key);
  await page.getByTestId('pair-b').selectOption(B.key);
  // A bad value is refused with a reason and changes nothing.
  await page.getByTestId('pair-window').fill('1');
  await page.getByTestId('pair-window').dispatchEvent('change');
  await expect(page.getByTestId('pair-error')).toContainText('Window must be from 2');
  for (const [field, value] of [
    ['window', WINDOW],
    ['divergencePct', DIVERGENCE.pct],
    ['divergenceBars', DIVERGENCE.bars],
  ] as const) {
    await page.getByTestId(`pair-${field}`).fill(String(value));
    await page.getByTestId(`pair-${field}`).dispatchEvent('change');
  }
  await expect(page.getByTestId('pair-error')).toHaveCount(0);

  const tape = [
    ...demoTape('binance-spot', 11, TAPE_MS, ['BTCUSDT']),
    ...demoTape('coinbase', 11, TAPE_MS, ['ETHUSDT']),
  ].sort((x, y) => x.timeMs - y.timeMs);
  mock.tape.play(tape, { tradesPerSec: 800 });
  await mock.tape.done();
  await expectVenueStoredEqualsReference(page, mock.tape.emitted, A.venue, A.symbol, { minBars: 5 });
  await expectVenueStoredEqualsReference(page, mock.tape.emitted, B.venue, B.symbol, { minBars: 5 });
  await page.waitForTimeout(1_000); // the forming 1s bars' last write
  await expectPairEqualsCli(page, 'live');
  await page.screenshot({ path: 'test-results/screenshots/pair-1280-dark.png' });
  expect(await axeFindings(page, '[data-testid=pair-view]')).toEqual([]);

  // Saved as a named layout, then reloaded: the pair view comes back, rebuilt from stored bars.
  await page.getByTestId('open-layouts').click();
  await page.getByTestId('layout-name').fill('BTC vs ETH 1s');
  await page.getByTestId('layout-save-as').click();
  await expect(page.getByTestId('layout-item')).toHaveAttribute('data-name', 'BTC vs ETH 1s');
  await page.keyboard.press('Escape');
  await page.reload();
  await expect(page.getByTestId('pair-view')).toBeVisible();
  await expect(page.getByRole('tab', { name: '1s' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('pair-window')).toHaveValue(String(WINDOW));
  await expectPairEqualsCli(page, 'reloaded');

  // Both themes, desktop and phone; axe on the pair view in each.
  for (const theme of ['light', 'dark'] as const) {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.screenshot({ path: `test-results/screenshots/pair-1280-${theme}.png` });
    expect(await axeFindings(page, '[data-testid=pair-view]')).toEqual([]);
    await page.setViewportSize({ width: 375, height: 812 });
    await page.getByTestId('pair-view').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/screenshots/pair-375-${theme}.png`, fullPage: true });
    expect(await axeFindings(page, '[data-testid=pair-view]')).toEqual([]);
  }
});
