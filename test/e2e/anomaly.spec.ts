import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';
import { MockExchange } from '../mock-exchange/server';
import { demoTape } from '../mock-exchange/tape';
import { mockEndpoints, openConfirmedLink, readRows } from './helpers';

/**
 * Anomaly detection end to end: the mock exchange plays a quiet market, then a price shock; the
 * leader tab's model worker scores the 1s bars as they close, the chart marks the shock with its
 * explanation, and the stored marker is still there after a reload and offline.
 */
const KEY = 'binance-spot:BTCUSDT';
/** Market minutes before the shock: enough 1s bars for the detector to have calibrated. */
const QUIET_MS = 7 * 60_000;
const SHOTS = 'test-results/screenshots/anomaly';

let mock: MockExchange;

test.beforeEach(async () => {
  mock = await MockExchange.start();
});

test.afterEach(async () => {
  await mock.stop();
});

interface StoredScore {
  symbol: string;
  timeframe: string;
  openTimeMs: number;
  score: number;
  reason: string;
  anomalyAtMs?: number;
}

async function axeFindings(page: Page, include: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include(include).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The shocked bar's marker: hovered, its explanation shows. */
async function expectMarkerWithExplanation(page: Page, timeMs: number): Promise<string> {
  const marker = page.locator(`[data-testid=anomaly-marker][data-time-ms="${timeMs}"]`);
  await expect(marker).toBeVisible({ timeout: 30_000 });
  await marker.hover();
  const tip = page.getByTestId('anomaly-tip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('Anomaly');
  await expect(tip).toContainText(/log return|range|volume|trade count|autoencoder/);
  return (await tip.textContent()) ?? '';
}

/**
 * Drags the chart towards older bars, half its width at a time (so the bar can't be skipped), until
 * the bar's marker is on screen.
 */
async function dragBackUntilMarker(page: Page, timeMs: number): Promise<void> {
  const marker = page.locator(`[data-testid=anomaly-marker][data-time-ms="${timeMs}"]`);
  const canvas = page.locator('section.chart .canvas');
  await canvas.scrollIntoViewIfNeeded();
  for (let drag = 0; drag < 20 && !(await marker.isVisible()); drag++) {
    const box = (await canvas.boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.25, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.75, y, { steps: 10 });
    await page.mouse.up();
  }
}

test('a price shock from the mock exchange is marked on the chart with its explanation, and stays after reload and offline', async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const query = new URLSearchParams({
    feed: 'live',
    instruments: `${KEY},binance-spot:ETHUSDT`,
    ...mockEndpoints(mock.baseUrls(), ['binance-spot']),
  });
  await openConfirmedLink(page, `/?${query.toString()}`);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect(page.getByTestId('connection-binance-spot')).toHaveAttribute('data-state', 'live');
  const toast = page.getByRole('button', { name: 'OK', exact: true });
  if (await toast.isVisible()) await toast.click();
  await page.getByRole('tab', { name: '1s' }).click();
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-learned', /.+/);

  // A quiet market, then every BTC trade for the next few seconds 6 % higher, then quiet again.
  const tape = demoTape('binance-spot', 5, QUIET_MS + 60_000, ['BTCUSDT', 'ETHUSDT']);
  const cut = tape.findIndex((t) => t.timeMs - tape[0]!.timeMs >= QUIET_MS);
  mock.tape.play(tape.slice(0, cut), { tradesPerSec: 900 });
  await mock.tape.done();
  const beforeShock = mock.tape.emitted.length;
  mock.tape.shock('binance-spot', 'BTCUSDT', 1.06, 25);
  mock.tape.play(tape.slice(cut), { tradesPerSec: 300, keepTimeline: true });
  await mock.tape.done();
  const firstShocked = mock.tape.emitted.slice(beforeShock).find((t) => t.symbol === 'BTCUSDT')!;
  const shockStart = firstShocked.timeMs - (firstShocked.timeMs % 1000);

  // Stored: a score of the shock (its first bar, or the next while the shocked trades last),
  // keyed to the bar and the model version, flagged an anomaly.
  let flagged: StoredScore | undefined;
  await expect
    .poll(
      async () => {
        const rows = await readRows<StoredScore>(page, 'anomalyScores', {
          lower: ['binance-spot', 'BTCUSDT', '1s', shockStart, ''],
          upper: ['binance-spot', 'BTCUSDT', '1s', shockStart + 5_000, '\uffff'],
        });
        flagged = rows.find((r) => r.anomalyAtMs === r.openTimeMs);
        return flagged !== undefined;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  const shockBar = flagged!.openTimeMs;
  const live = await expectMarkerWithExplanation(page, shockBar);
  await expect(page.locator(`[data-testid=recent-anomaly][data-time-ms="${shockBar}"]`)).toBeVisible();
  // The model worker reports how it scores (backend once TF.js loaded, statistics always).
  await expect(page.getByTestId('model-status')).toContainText('a bar');
  await page.screenshot({ path: `${SHOTS}/anomaly-1280-dark.png` });
  expect(await axeFindings(page, '[data-testid=anomaly-panel]')).toEqual([]);
  expect(await axeFindings(page, '[data-testid=anomaly-layer]')).toEqual([]);

  // Reload: the stored marker comes back from IndexedDB with the same explanation.
  await page.reload();
  await page.getByRole('tab', { name: '1s' }).click();
  expect(await expectMarkerWithExplanation(page, shockBar)).toBe(live);

  // Offline: the app, its worker and the stored scores all come from this browser.
  await context.setOffline(true);
  try {
    await page.reload();
    await page.getByRole('tab', { name: '1s' }).click();
    expect(await expectMarkerWithExplanation(page, shockBar)).toBe(live);
    // The score pane and both themes, desktop and phone.
    await page.getByTestId('anomaly-pane-toggle').check();
    for (const theme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expectMarkerWithExplanation(page, shockBar);
      await page.screenshot({ path: `${SHOTS}/anomaly-offline-1280-${theme}.png` });
      expect(await axeFindings(page, '[data-testid=anomaly-panel]')).toEqual([]);
      await page.setViewportSize({ width: 375, height: 812 });
      // A narrower chart shows fewer bars: drag the chart back, as a finger would, to the anomaly.
      // (The recent list holds only the newest anomalies of the watch list, checked at 1280 above.)
      await dragBackUntilMarker(page, shockBar);
      await page.mouse.move(0, 0);
      await expectMarkerWithExplanation(page, shockBar);
      await page.screenshot({ path: `${SHOTS}/anomaly-375-${theme}.png` });
      await page.getByTestId('anomaly-panel').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/anomaly-375-${theme}-panel.png` });
      expect(await axeFindings(page, '[data-testid=anomaly-panel]')).toEqual([]);
    }
  } finally {
    await context.setOffline(false);
  }
});
