import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, test as base, type BrowserContext, type Page } from '@playwright/test';

export { expect } from '@playwright/test';
export type { BrowserContext, Locator, Page, Worker } from '@playwright/test';

/**
 * Every browser test runs in a persistent profile of its own (a fresh directory, removed after),
 * as users run the app (and as installability needs). Playwright's default context is incognito,
 * where Chromium 150 keeps IndexedDB in memory and its writes slow down as the store grows
 * (measured: 10,000 puts took 1.3 s, then 3.0 s, then 4.6 s as rows accumulated; in a profile on
 * disk 1.1–1.3 s each time): an app that writes every bar then looks stuck to the tests.
 */
export const test = base.extend<{ context: BrowserContext; page: Page }>({
  // Playwright's own tracing (`trace` in the config) records this context like its default one.
  context: async ({ baseURL, viewport, serviceWorkers, launchOptions }, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'tapewatch-e2e-'));
    const context = await chromium.launchPersistentContext(dir, {
      ...launchOptions,
      headless: true,
      ...(baseURL !== undefined ? { baseURL } : {}),
      viewport,
      serviceWorkers,
    });
    try {
      await use(context);
    } finally {
      await context.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  },
  // The profile opens with one blank tab: the test drives that one rather than a second.
  page: async ({ context }, use) => {
    await use(context.pages()[0] ?? (await context.newPage()));
  },
});
