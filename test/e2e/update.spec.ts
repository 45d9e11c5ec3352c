import { expect, test, type Page } from './fixtures';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuildServer } from './build-server';
import { readCandles } from './helpers';

/**
 * Build B: the production build with a marker in its page and the new page's revision in its
 * service worker's precache list, as any rebuild with a change to the app shell produces.
 */
function buildB(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tapewatch-build-b-'));
  cpSync('dist', dir, { recursive: true });
  const index = join(dir, 'index.html');
  writeFileSync(
    index,
    readFileSync(index, 'utf8').replace('<head>', '<head>\n    <meta name="tapewatch-build" content="B" />'),
  );
  const sw = join(dir, 'service-worker.js');
  const text = readFileSync(sw, 'utf8');
  // The precache manifest entry, in either key order (generated or injected service worker).
  const next = text
    .replace(/(\{url:"index\.html",revision:")[0-9a-f]+(")/, '$1b0000000000000000000000000000b$2')
    .replace(/(\{"revision":")[0-9a-f]+(","url":"index\.html"\})/, '$1b0000000000000000000000000000b$2');
  if (next === text) throw new Error('service-worker.js has no index.html precache entry to change');
  writeFileSync(sw, next);
  return dir;
}

const buildMarker = (page: Page) =>
  page.evaluate(() => document.querySelector('meta[name=tapewatch-build]')?.getAttribute('content') ?? 'A');

test('build A open, build B deployed: the prompt appears and the reload lands on B with the stored data intact', async ({
  page,
}) => {
  const b = buildB();
  const server = await BuildServer.start();
  try {
    await page.goto(`${server.url}/?feed=demo`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect(page.getByTestId('source')).toHaveAttribute('data-source', 'demo');
    await expect.poll(async () => (await readCandles(page, 'demo', 'BTCUSDT')).length).toBeGreaterThan(100);
    const before = await readCandles(page, 'demo', 'BTCUSDT');
    expect(await buildMarker(page)).toBe('A');

    server.serveFrom(b);
    // The tab coming back into view re-checks the service worker, as the hourly timer does.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    const prompt = page.getByTestId('update-ready');
    await expect(prompt).toContainText('A new version of Tapewatch is ready.');
    await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: 'Reload' }).click()]);

    await expect.poll(() => buildMarker(page)).toBe('B');
    await expect(page.getByTestId('source')).toHaveAttribute('data-source', 'demo');
    await expect(page.getByTestId('update-ready')).toHaveCount(0);
    // Every bar stored under A is still there, unchanged where it was closed.
    const after = new Map((await readCandles(page, 'demo', 'BTCUSDT')).map((c) => [c.openTimeMs, c]));
    for (const c of before.filter((x) => x.closed)) expect(after.get(c.openTimeMs)?.close).toBe(c.close);
  } finally {
    await server.stop();
    rmSync(b, { recursive: true, force: true });
  }
});
