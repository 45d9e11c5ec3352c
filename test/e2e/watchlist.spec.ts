import { expect, test, type Page } from './fixtures';
import type { LiveVenueId } from '../../src/core/exchange/registry';
import { MockExchange } from '../mock-exchange/server';
import { demoTape } from '../mock-exchange/tape';
import {
  axeFindings,
  expectVenueStoredEqualsReference,
  mockEndpoints,
  openConfirmedLink,
  readCandles,
} from './helpers';

/** Three instruments on three mock venues: the watchlist spans venues. */
const WATCH = ['binance-spot:BTCUSDT', 'coinbase:ETH-USD', 'kraken:BTC/USD'] as const;
const VENUES: readonly LiveVenueId[] = ['binance-spot', 'coinbase', 'kraken'];
const TAPE_MS = 12 * 60_000;

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
    instruments: WATCH.join(','),
    ...mockEndpoints(mock.baseUrls(), VENUES),
  });
  return `/?${query.toString()}`;
}

const row = (page: Page, key: string) => page.locator(`[data-testid=watch-row][data-instrument="${key}"]`);

test('watchlist: last price, change over the window and a sparkline per instrument, from stored bars', async ({
  page,
}) => {
  await openConfirmedLink(page, appUrl());
  for (const v of VENUES) await expect(page.getByTestId(`connection-${v}`)).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('watch-row')).toHaveCount(WATCH.length);
  for (const key of WATCH) await expect(row(page, key)).toHaveAttribute('data-state', 'live');

  const tape = [
    ...demoTape('binance-spot', 5, TAPE_MS, ['BTCUSDT']),
    ...demoTape('coinbase', 5, TAPE_MS, ['ETHUSDT']),
    ...demoTape('kraken', 6, TAPE_MS, ['BTCUSDT']),
  ].sort((a, b) => a.timeMs - b.timeMs);
  mock.tape.play(tape, { tradesPerSec: 900 });
  await mock.tape.done();
  for (const key of WATCH) {
    const [venue, symbol] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    await expectVenueStoredEqualsReference(page, mock.tape.emitted, venue, symbol, { minBars: 10 });
  }

  // 1h window: 1m bars; the stored history (12 minutes) is shorter, so the change runs from the
  // first bar's open and says so.
  await page.getByTestId('watchlist-window').selectOption('1h');
  for (const key of WATCH) {
    const [venue, symbol] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    const bars = await readCandles(page, venue, symbol, '1m');
    const first = bars[0]!;
    const last = bars.at(-1)!;
    const expected = (Number(last.close) / Number(first.open) - 1) * 100;
    const r = row(page, key);
    await expect.poll(async () => Number(await r.locator('[data-field=last]').textContent())).toBe(Number(last.close));
    // Every price at the instrument's tick (0.01 on these venues), tabular figures.
    await expect(r.locator('[data-field=last]')).toHaveText(/^\d+\.\d{2}$/);
    const shown = Number(await r.locator('[data-field=change]').getAttribute('data-value'));
    expect(Math.abs(shown - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
    await expect(r.locator('[data-field=change]')).toContainText('*');
    await expect(r.locator('svg.spark')).toHaveAttribute('data-points', String(bars.length));
    await expect(r.locator('svg.spark polyline')).toHaveCount(1);
    expect(await r.locator('.last').evaluate((el) => getComputedStyle(el).fontVariantNumeric)).toContain(
      'tabular-nums',
    );
  }

  // Click (and Enter) charts the instrument.
  await row(page, 'coinbase:ETH-USD').click();
  await expect(page.getByTestId('legend')).toContainText('ETH-USD · Coinbase');
  await row(page, 'kraken:BTC/USD').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('legend')).toContainText('BTC/USD · Kraken');
  await expect(row(page, 'kraken:BTC/USD')).toHaveAttribute('aria-current', 'true');

  const toast = page.getByRole('button', { name: 'OK', exact: true });
  if (await toast.isVisible()) await toast.click();
  await page.getByTestId('watchlist').screenshot({ path: 'test-results/screenshots/watchlist-panel.png' });

  for (const theme of ['dark', 'light'] as const) {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.screenshot({ path: `test-results/screenshots/watchlist-1280-${theme}.png` });
    expect(await axeFindings(page, '[data-testid=watchlist]')).toEqual([]);

    // On a phone the watchlist lives in the menu; choosing a row charts it and closes the menu.
    await page.setViewportSize({ width: 375, height: 812 });
    await expect(page.getByTestId('watchlist')).toHaveCount(0);
    await page.getByTestId('menu-button').click();
    const menu = page.getByTestId('menu-dialog');
    await expect(menu.getByTestId('watch-row')).toHaveCount(WATCH.length);
    await expect(row(page, 'binance-spot:BTCUSDT').locator('svg.spark polyline')).toHaveCount(1);
    await page.screenshot({ path: `test-results/screenshots/watchlist-375-${theme}.png` });
    expect(await axeFindings(page, '[data-testid=menu-dialog]')).toEqual([]);
    await row(page, 'binance-spot:BTCUSDT').click();
    await expect(menu).toHaveCount(0);
    await expect(page.getByTestId('legend')).toContainText('BTCUSDT · Binance');
  }
});

test("each instrument's tick from its venue listing sets its decimals on the chart axis, legend and watchlist", async ({
  page,
}) => {
  // A finer tick than the tape's prices use (two decimals): only the listing can say 4.
  mock.binance.tickSizes['BTCUSDT'] = '0.00010000';
  const query = new URLSearchParams({
    feed: 'live',
    instruments: 'binance-spot:BTCUSDT,binance-spot:ETHUSDT',
    ...mockEndpoints(mock.baseUrls(), ['binance-spot']),
  });
  await openConfirmedLink(page, `/?${query.toString()}`);
  await expect(page.getByTestId('connection-binance-spot')).toHaveAttribute('data-state', 'live');
  mock.tape.play(demoTape('binance-spot', 7, 3 * 60_000, ['BTCUSDT', 'ETHUSDT']), { tradesPerSec: 900 });
  await mock.tape.done();

  // The picker fetches the listing (and shows the tick); closing it puts the ticks to use.
  await page.keyboard.press('/');
  const picker = page.getByTestId('instrument-picker');
  await expect(picker.locator('[data-testid=watch-list] [data-instrument="binance-spot:BTCUSDT"]')).toContainText(
    'tick 0.0001',
  );
  await picker.getByTestId('picker-done').click();

  const canvas = page.locator('.canvas');
  const legend = page.getByTestId('legend');
  await expect(canvas).toHaveAttribute('data-price-precision', '4');
  for (const field of ['open', 'high', 'low', 'close']) {
    await expect(legend.locator(`[data-field=${field}]`)).toHaveText(/^\d+\.\d{4}$/);
  }
  await page.reload();
  await expect(row(page, 'binance-spot:BTCUSDT').locator('[data-field=last]')).toHaveText(/^\d+\.\d{4}$/);
  await expect(canvas).toHaveAttribute('data-price-precision', '4');
  // ETHUSDT keeps the listing's 0.01.
  await expect(row(page, 'binance-spot:ETHUSDT').locator('[data-field=last]')).toHaveText(/^\d+\.\d{2}$/);
  await row(page, 'binance-spot:ETHUSDT').click();
  await expect(legend).toContainText('ETHUSDT · Binance');
  await expect(canvas).toHaveAttribute('data-price-precision', '2');
  await expect(legend.locator('[data-field=close]')).toHaveText(/^\d+\.\d{2}$/);
});
