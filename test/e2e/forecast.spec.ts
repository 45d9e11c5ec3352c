import { expect, test } from '@playwright/test';
import { axeFindings, readRows } from './helpers';

/**
 * Forecasts end to end on the demo feed: the leader tab's model worker fits persistence and
 * ARIMA on the stored demo history, walks its newest bars forward out of sample, and forecasts
 * ahead of the last closed bar; the band and the model panel show it, and the stored run is still
 * shown after a reload and offline.
 */
const SHOTS = '/work/shots/forecast-app';

interface StoredForecastRow {
  model: string;
  horizon: number;
  originTimeMs: number;
  targetTimeMs: number;
  lo95: number;
  lo80: number;
  close: number;
  hi80: number;
  hi95: number;
}

test('the demo series is forecast ahead of its last closed bar, compared with persistence, and still shown after reload and offline', async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/?feed=demo');
  await page.evaluate(() => navigator.serviceWorker.ready);
  const phase = page.getByTestId('forecast-phase');
  await expect(phase).toHaveAttribute('data-phase', 'live', { timeout: 150_000 });

  const rows = page.getByTestId('model-row');
  await expect(rows).toHaveCount(2);
  await expect(page.locator('[data-testid=model-row][data-model=persistence]')).toHaveAttribute(
    'data-verdict',
    'baseline',
  );
  const arima = page.locator('[data-testid=model-row][data-model=arima]');
  await expect(arima).toHaveAttribute('data-state', /ready|off/);
  await expect(page.getByTestId('forecast-next')).toContainText(/Next bar \((persistence|arima)\): close \d/);

  // Stored: every model's ten steps of the newest run, keyed to the bars ahead of the origin.
  const stored = await readRows<StoredForecastRow>(page, 'forecasts');
  const newest = Math.max(...stored.map((r) => r.originTimeMs));
  const run = stored.filter((r) => r.originTimeMs === newest);
  expect(new Set(run.map((r) => r.model)).has('persistence')).toBe(true);
  for (const r of run) {
    expect(r.targetTimeMs).toBeGreaterThan(r.originTimeMs);
    expect(r.lo95 <= r.lo80 && r.lo80 <= r.close && r.close <= r.hi80 && r.hi80 <= r.hi95).toBe(true);
  }
  expect(run.filter((r) => r.model === 'persistence').map((r) => r.horizon)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

  await page.screenshot({ path: `${SHOTS}/desk-1280.png` });
  expect(await axeFindings(page, '[data-testid=forecast-panel]')).toEqual([]);

  // After a reload the stored run is shown at once (before the worker has refitted).
  await page.reload();
  await expect(page.getByTestId('forecast-next')).toBeVisible({ timeout: 20_000 });

  // Offline: the app opens from the service worker and shows the stored forecast.
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('forecast-next')).toContainText(/Next bar/, { timeout: 20_000 });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.getByTestId('forecast-panel').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/desk-375.png`, fullPage: true });
  await context.setOffline(false);
});
