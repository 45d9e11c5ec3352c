import { expect, test, type Page } from './fixtures';
import { BuildServer } from './build-server';

/** The demo feed runs and the chart draws its bars: the app works, whatever the storage. */
async function expectAppRunning(page: Page, timeout = 20_000): Promise<void> {
  await expect(page.getByTestId('source')).toHaveAttribute('data-source', 'demo', { timeout });
  await expect
    .poll(async () => Number(await page.getByTestId('legend').locator('[data-field=trades]').textContent()))
    .toBeGreaterThan(0);
}

test.describe('without IndexedDB', () => {
  test('removed before load: runs in memory, says so, and keeps nothing', async ({ page, context }) => {
    await page.addInitScript(() => {
      delete (window as { indexedDB?: IDBFactory }).indexedDB;
    });
    await page.goto('/?feed=demo');
    await expect(page.getByTestId('storage-banner')).toHaveText(
      'Storage unavailable — nothing is kept after this tab closes',
    );
    await expectAppRunning(page);
    // With no shared storage each tab runs its own feed rather than following a leader.
    const second = await context.newPage();
    await second.addInitScript(() => {
      delete (window as { indexedDB?: IDBFactory }).indexedDB;
    });
    await second.goto('/?feed=demo');
    await expect(second.getByTestId('source')).toHaveAttribute('data-role', 'leader');
    await expect(page.getByTestId('source')).toHaveAttribute('data-role', 'leader');
    await expectAppRunning(second);
    await expect(page.getByRole('button', { name: 'History' })).toBeDisabled();
    // The feed worker (which has its own IndexedDB) wrote nothing either.
    const plain = await context.newPage();
    await plain.goto('/manifest.webmanifest');
    expect(await plain.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).not.toContain(
      'tapewatch',
    );
  });

  test('an open() that fails (Firefox private mode): runs in memory and says so', async ({ page }) => {
    await page.addInitScript(() => {
      IDBFactory.prototype.open = function () {
        throw new DOMException(
          'A mutation operation was attempted on a database that did not allow mutations.',
          'InvalidStateError',
        );
      };
    });
    await page.goto('/?feed=demo');
    await expect(page.getByTestId('storage-banner')).toBeVisible();
    await expect(page.getByTestId('storage-banner')).toHaveAttribute('title', /mutation operation/);
    await expectAppRunning(page);
  });
});

test.describe('updates', () => {
  test('a newer version opened in another tab: this tab lets go of the database and asks for a reload', async ({
    page,
  }) => {
    await page.goto('/?feed=demo');
    await expectAppRunning(page);
    // What a newer build does when it opens: a higher schema version. It only succeeds once every
    // older connection (page and feed worker) has closed.
    const opened = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const req = indexedDB.open('tapewatch', 1_000);
          req.onsuccess = () => {
            const version = req.result.version;
            req.result.close();
            resolve(version);
          };
          req.onerror = () => reject(req.error);
        }),
    );
    expect(opened).toBe(1_000);
    await expect(page.getByTestId('reload-prompt')).toContainText('A newer Tapewatch is open in another tab — reload');
    // The reload opens the data the newer version left (same tables) and runs again, stored.
    await page.getByTestId('reload-prompt').getByRole('button', { name: 'Reload' }).click();
    // A reload resumes three hours of stored demo bars: slack for a busy machine.
    await expectAppRunning(page, 45_000);
    await expect(page.getByTestId('reload-prompt')).toHaveCount(0);
    await expect(page.getByTestId('storage-banner')).toHaveCount(0);
  });

  test('a deploy while the tab stays open is offered when the tab becomes visible again', async ({ page }) => {
    const build = await BuildServer.start();
    try {
      await page.goto(`${build.url}/?feed=demo`);
      await page.evaluate(() => navigator.serviceWorker.ready);
      await expectAppRunning(page);
      await expect(page.getByTestId('update-ready')).toHaveCount(0);
      build.deploy();
      // Coming back to the tab re-checks the service worker (as the hourly timer does).
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      await expect(page.getByTestId('update-ready')).toContainText('A new version of Tapewatch is ready.');
    } finally {
      await build.stop();
    }
  });
});

test.describe('a feed worker that fails to load', () => {
  // The route must see the worker request (a service worker would answer it from its cache).
  test.use({ serviceWorkers: 'block' });

  test('is a visible, recoverable state', async ({ page }) => {
    await page.route('**/assets/feed.worker-*.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto('/?feed=demo');
    await expect(page.getByTestId('reload-prompt')).toContainText("Couldn't load the feed — reload");
    await page.unroute('**/assets/feed.worker-*.js');
    await page.getByTestId('reload-prompt').getByRole('button', { name: 'Reload' }).click();
    await expectAppRunning(page);
    await expect(page.getByTestId('reload-prompt')).toHaveCount(0);
  });
});
