import { expect, test } from '@playwright/test';
import { MockExchange } from '../mock-exchange/server';
import { binanceTape, expectStoredEqualsReference } from './helpers';

test('out of quota: raw trades are evicted by policy, the user is told, no 1m bar is lost', async ({
  page,
  context,
}) => {
  const mock = await MockExchange.start();
  try {
    await page.goto(`/?feed=live&${mock.appQuery()}`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect(page.getByTestId('connection-binance-spot')).toHaveAttribute('data-state', 'live');
    // A tiny quota for this origin: the raw-trade table fills it within seconds.
    const cdp = await context.newCDPSession(page);
    const { usage } = (await cdp.send('Storage.getUsageAndQuota', { origin: new URL(page.url()).origin })) as {
      usage: number;
    };
    await cdp.send('Storage.overrideQuotaForOrigin', {
      origin: new URL(page.url()).origin,
      quotaSize: Math.round(usage + 1.5 * 1024 * 1024),
    });
    mock.tape.play(binanceTape(41, 30), { tradesPerSec: 600 });
    await mock.tape.done();

    await expect(page.getByTestId('storage-notices')).toContainText('raw trades', { timeout: 30_000 });
    await expectStoredEqualsReference(page, mock.tape.emitted);
    await page.screenshot({ path: 'test-results/screenshots/storage-evicted.png' });
  } finally {
    await mock.stop();
  }
});
