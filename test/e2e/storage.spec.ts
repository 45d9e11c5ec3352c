import { expect, test } from './fixtures';
import { MockExchange } from '../mock-exchange/server';
import { binanceTape, expectStoredEqualsReference, openConfirmedLink } from './helpers';

test('out of quota: storage is evicted by policy, the user is told, no 1m bar is lost', async ({ page, context }) => {
  // A minute of trades at 900/s, then every stored bar compared: over a minute on a loaded machine.
  test.setTimeout(180_000);
  const mock = await MockExchange.start();
  try {
    await openConfirmedLink(page, `/?feed=live&${mock.appQuery()}`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect(page.getByTestId('connection-binance-spot')).toHaveAttribute('data-state', 'live');
    // A tiny quota for this origin: the raw-trade table fills it within seconds.
    const cdp = await context.newCDPSession(page);
    const { usage } = (await cdp.send('Storage.getUsageAndQuota', { origin: new URL(page.url()).origin })) as {
      usage: number;
    };
    await cdp.send('Storage.overrideQuotaForOrigin', {
      origin: new URL(page.url()).origin,
      quotaSize: Math.round(usage + 4 * 1024 * 1024),
    });
    mock.tape.play(binanceTape(41, 60), { tradesPerSec: 900 });
    await mock.tape.done();

    // Eviction follows the policy order (raw trades, quote samples, then sub-minute bars — unit-tested
    // in retention.test.ts); which step the first quota error lands on depends on what has been
    // written by then, so any policy step is accepted here, never a 1m bar.
    await expect(page.getByTestId('storage-notices')).toContainText(
      /Evicted [\d,]+ (raw trades|quote samples|1s bars|5s bars|15s bars)/,
      { timeout: 30_000 },
    );
    await page.screenshot({ path: 'test-results/screenshots/storage-evicted.png' });
    // Deleted rows free quota only when IndexedDB compacts; until then writes keep failing and the
    // writers keep their batches. Give the origin room again: every 1m bar must then land.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin });
    await expectStoredEqualsReference(page, mock.tape.emitted);
    // Raw trades were evicted by policy (oldest first); no 1m bar was.
    expect(await page.getByTestId('storage-notices').textContent()).not.toMatch(/1m bars/);
  } finally {
    await mock.stop();
  }
});
