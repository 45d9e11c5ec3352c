import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';
import { scoreText } from '../../src/core/sentiment/score-text';
import { MockExchange } from '../mock-exchange/server';
import { demoTape } from '../mock-exchange/tape';
import { seedFinnhubNews } from '../mock-exchange/venues/finnhub-news';
import { mockEndpoints, openConfirmedLink, readRows } from './helpers';

const SHOTS = process.env['TAPEWATCH_SHOTS'];

let mock: MockExchange;

test.beforeEach(async () => {
  mock = await MockExchange.start();
  seedFinnhubNews(mock.venue('finnhub').news, Math.floor(Date.now() / 1000));
});

test.afterEach(async () => {
  await mock.stop();
});

async function openWithToken(
  page: Page,
  instruments: readonly string[],
  beforeToken: () => Promise<void> = async () => undefined,
): Promise<void> {
  const query = new URLSearchParams({
    feed: 'live',
    instruments: instruments.join(','),
    ...mockEndpoints(mock.baseUrls(), ['finnhub']),
  });
  await openConfirmedLink(page, `/?${query.toString()}`);
  await expect(page.getByTestId('news-status')).toHaveAttribute('data-kind', 'no-token');
  await beforeToken();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.locator('input[name=finnhub-token]').fill(mock.venue('finnhub').token);
  // The mock is not Finnhub's own host: the token reaches it only with the explicit opt-in.
  await page.getByTestId('finnhub-token-to-proxy').check();
  await page.getByRole('button', { name: 'Save and reconnect' }).click();
}

test('mock Finnhub news → plain-text headlines, scored, stored, and the sentiment pane', async ({ page }) => {
  await openWithToken(page, ['finnhub:BINANCE:BTCUSDT', 'finnhub:AAPL']);
  mock.tape.play(demoTape('finnhub', 5, 3 * 60_000, ['BTCUSDT']), { tradesPerSec: 50 });
  const panel = page.getByTestId('news-panel');
  const related = panel.getByTestId('news-related');
  await expect(related.getByText('Bitcoin surges to a record high as ETF inflows jump')).toBeVisible();
  await expect(page.getByTestId('news-status')).toHaveAttribute('data-kind', 'ok');

  // The hostile story is shown as the text it is: no element, no script ran, no javascript: link.
  const hostile = related.getByTestId('news-item').filter({ hasText: 'onerror' });
  await expect(hostile).toContainText('<img src=x onerror="document.title=\'pwned\'"> Bitcoin <b>beats</b> estimates');
  await expect(hostile).toContainText('<i>Hostile</i>');
  await expect(hostile.locator('a')).toHaveCount(0);
  await expect(panel.locator('img, script, b, i')).toHaveCount(0);
  expect(await page.title()).not.toBe('pwned');

  // Links open in a new tab without giving the news site a handle on the app.
  const links = panel.locator('a');
  expect(await links.count()).toBeGreaterThan(0);
  for (const link of await links.all()) {
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    expect(await link.getAttribute('href')).toMatch(/^https:\/\/news\.example\//);
  }

  // Each headline carries the scorer's label; the store holds the same score.
  const surge = related.getByTestId('news-item').filter({ hasText: 'Bitcoin surges' });
  await expect(surge).toHaveAttribute('data-label', 'positive');
  await expect(related.getByTestId('news-item').filter({ hasText: 'miners gather' })).toHaveAttribute(
    'data-label',
    'neutral',
  );
  interface Row {
    headline: string;
    score: number;
    symbols: string[];
    url: string | null;
  }
  const stored = await readRows<Row>(page, 'newsArticles');
  const row = stored.find((r) => r.headline.startsWith('Bitcoin surges'))!;
  expect(row.score).toBeCloseTo(scoreText(row.headline).score, 4);
  expect(stored.find((r) => r.headline.includes('onerror'))!.url).toBeNull();
  // Company news for the watched stock was asked for by symbol (its own request, which may land
  // after the market-wide one that filled the panel).
  await expect
    .poll(async () =>
      (await readRows<Row>(page, 'newsArticles')).some(
        (r) => r.headline === 'Apple beats estimates and raises guidance' && r.symbols.includes('AAPL'),
      ),
    )
    .toBe(true);
  const calls = mock.venue('finnhub').news.calls;
  expect(calls.some((c) => c.path === '/company-news' && c.query.includes('symbol=AAPL'))).toBe(true);
  expect(calls.some((c) => c.path === '/news' && c.query.includes('category=crypto'))).toBe(true);

  // The sentiment series is stored per instrument and timeframe and drawn in its pane.
  await expect
    .poll(async () => (await readRows<{ instrument: string }>(page, 'newsSentiment')).map((r) => r.instrument))
    .toContain('finnhub:BINANCE:BTCUSDT');
  const legend = page.locator('[data-testid=indicator-legend][data-instance=news-sentiment]');
  await expect(legend).toBeVisible();
  await expect(legend.locator('[data-output=articles]')).not.toHaveText('0');

  const axe = await new AxeBuilder({ page }).include('[data-testid=news-panel]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});

/**
 * Stores a rule set as the alert center does (the rules table, then the change message the
 * leader's feed worker reloads on): the rule form has no sentiment kind.
 */
async function storeRules(page: Page, rules: readonly object[]): Promise<void> {
  await page.evaluate(
    (rules) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('tapewatch');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('alertRules', 'readwrite');
          rules.forEach((rule, order) =>
            tx.objectStore('alertRules').put({ id: (rule as { id: string }).id, order, rule }),
          );
          tx.oncomplete = () => {
            db.close();
            const channel = new BroadcastChannel('tapewatch-alert-rules');
            channel.postMessage('changed');
            channel.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    rules,
  );
}

test('a sentiment rule fires from the mock Finnhub news and shows in the alert center', async ({ page }) => {
  await openWithToken(page, ['finnhub:AAPL'], () =>
    storeRules(page, [
      {
        id: 'aapl-news',
        name: 'AAPL news upbeat',
        kind: 'sentiment',
        instrument: 'finnhub:AAPL',
        op: 'above',
        value: 0.3,
        minArticles: 1,
        windowMs: 6 * 3_600_000,
      },
    ]),
  );
  const related = page.getByTestId('news-panel').getByTestId('news-related');
  await expect(related.getByText('Apple beats estimates and raises guidance')).toBeVisible();
  if (!(await page.getByTestId('alert-center').isVisible())) await page.getByTestId('open-alerts').click();
  await page.getByTestId('alert-tab-firings').click();
  const firing = page.getByTestId('alert-center').getByTestId('firing');
  await expect(firing.first()).toContainText('AAPL news upbeat');
  await expect(firing.first()).toContainText('finnhub:AAPL');
  // Rebuilds of the series (the panel re-reads every poll) do not fire it again.
  await page.waitForTimeout(4_000);
  await expect(firing).toHaveCount(1);
});

test('a rate-limited news source says so and backs off', async ({ page }) => {
  mock.venue('finnhub').news.perMinute = 0;
  await openWithToken(page, ['finnhub:AAPL']);
  await expect(page.getByTestId('news-status')).toHaveAttribute('data-kind', 'limited');
  await expect(page.getByTestId('news-status')).toContainText('rate limit reached · retrying in 2 min');
  const calls = mock.venue('finnhub').news.calls.length;
  await page.waitForTimeout(5_000);
  // The two requests (general, AAPL) were each tried once, then wait: no hammering.
  expect(mock.venue('finnhub').news.calls.length).toBeLessThanOrEqual(Math.max(calls, 2));
});

test('screenshots: desktop and phone, dark and light', async ({ page }) => {
  test.skip(SHOTS === undefined, 'set TAPEWATCH_SHOTS=<dir> to take them');
  await page.setViewportSize({ width: 1280, height: 800 });
  await openWithToken(page, ['finnhub:BINANCE:BTCUSDT', 'finnhub:AAPL']);
  mock.tape.play(demoTape('finnhub', 5, 3 * 60_000, ['BTCUSDT']), { tradesPerSec: 50 });
  await expect(page.getByTestId('news-related').getByTestId('news-item').first()).toBeVisible();
  await page.waitForTimeout(4_000);
  for (const scheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${SHOTS}/news-1280-${scheme}.png` });
    const axe = await new AxeBuilder({ page }).include('[data-testid=news-panel]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await page.setViewportSize({ width: 375, height: 812 });
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${SHOTS}/news-375-${scheme}.png` });
    await page.getByTestId('news-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/news-375-${scheme}-panel.png` });
  }
});
