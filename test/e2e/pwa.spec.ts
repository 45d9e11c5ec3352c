import { expect, test } from './fixtures';
import { MockExchange } from '../mock-exchange/server';
import { binanceTape, expectStoredEqualsReference, readCandles, openConfirmedLink } from './helpers';

test('installable: Chromium reports no installability errors', async ({ page, context, baseURL }) => {
  // An incognito context is never installable; the fixtures' context is a persistent profile.
  await page.goto('/?feed=demo');
  await page.evaluate(() => navigator.serviceWorker.ready);
  const cdp = await context.newCDPSession(page);
  await expect
    .poll(
      async () =>
        ((await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] }).installabilityErrors,
    )
    .toEqual([]);
  const manifest = await (await page.request.get(`${baseURL}/manifest.webmanifest`)).json();
  expect(manifest.display).toBe('standalone');
  expect(manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`)).toEqual([
    '192x192 any',
    '512x512 any',
    '512x512 maskable',
  ]);
});

test('offline: the app loads from the service worker and shows stored candles', async ({ page, context }) => {
  const mock = await MockExchange.start();
  try {
    await openConfirmedLink(page, `/?feed=live&${mock.appQuery()}`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect(page.getByTestId('connection-binance-spot')).toHaveAttribute('data-state', 'live');
    mock.tape.play(binanceTape(21, 4), { tradesPerSec: 300 });
    await mock.tape.done();
    // Wait until the store holds every trade the mock executed, then remember the newest bar.
    await expectStoredEqualsReference(page, mock.tape.emitted);
    const last = (await readCandles(page, 'binance-spot', 'BTCUSDT')).at(-1)!;
    await page.close();

    await context.setOffline(true);
    const offline = await context.newPage();
    await offline.goto('/');
    // Live mode (saved setting): no demo takes over, the stored history is what shows.
    await expect(offline.getByTestId('legend').locator('[data-field=trades]')).toHaveText(String(last.trades));
    await expect(offline.getByTestId('legend').locator('[data-field=close]')).toHaveText(last.close);
    await offline.screenshot({ path: 'test-results/screenshots/offline.png' });
  } finally {
    await context.setOffline(false);
    await mock.stop();
  }
});
