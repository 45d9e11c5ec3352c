import { expect, test, type Page } from './fixtures';
import { readRows } from './helpers';

/** The demo market: no exchange needed. */
const DEMO = '/?feed=demo';

async function openLayouts(page: Page) {
  await page.getByTestId('open-layouts').click();
  const dialog = page.getByTestId('layouts-dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

const item = (page: Page, name: string) => page.locator(`[data-testid=layout-item][data-name="${name}"]`);
const tab = (page: Page, tf: string) => page.getByRole('tab', { name: tf, exact: true });

test('named layouts: save as, switch, rename, delete; the desk on screen survives a reload', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 800 });
  await page.goto(DEMO);
  await expect(page.getByTestId('source')).toHaveAttribute('data-source', 'demo');
  const toast = page.getByRole('button', { name: 'OK', exact: true });
  if (await toast.isVisible()) await toast.click();

  // "Scalp": 1s with an RSI; "Swing": 1h with the pair view open and the watchlist over 7d.
  await tab(page, '1s').click();
  await page.keyboard.press('i');
  const indicators = page.getByTestId('indicators-dialog');
  await indicators.getByTestId('indicator-search').fill('rsi');
  await indicators.locator('[data-indicator=rsi] button').click();
  await page.keyboard.press('Escape');
  let dialog = await openLayouts(page);
  await dialog.getByTestId('layout-name').fill('Scalp');
  await dialog.getByTestId('layout-save-as').click();
  await expect(item(page, 'Scalp')).toContainText('active');
  await expect(item(page, 'Scalp')).toContainText('1s · 2 instruments · 1 indicators');
  // A taken name (in any case) is refused and says why.
  await dialog.getByTestId('layout-name').fill('scalp');
  await dialog.getByTestId('layout-save-as').click();
  await expect(dialog.getByTestId('layout-error')).toContainText('exists already');
  await page.keyboard.press('Escape');

  await tab(page, '1h').click();
  await page.getByTestId('pair-toggle').click();
  await expect(page.getByTestId('pair-view')).toBeVisible();
  await page.getByTestId('watchlist-window').selectOption('7d');
  dialog = await openLayouts(page);
  await dialog.getByTestId('layout-name').fill('Swing');
  await dialog.getByTestId('layout-save-as').click();
  await expect(item(page, 'Swing')).toContainText('1h · 2 instruments · 1 indicators · pair');

  // Switch back: timeframe, no pair view, 24h window.
  await item(page, 'Scalp').getByTestId('layout-switch').click();
  await expect(tab(page, '1s')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('pair-view')).toHaveCount(0);
  await expect(page.getByTestId('watchlist-window')).toHaveValue('24h');

  // Rename and delete.
  await item(page, 'Scalp').getByTestId('layout-rename').click();
  await dialog.getByTestId('layout-rename-input').fill('Fast');
  await dialog.getByTestId('layout-rename-input').press('Enter');
  await expect(item(page, 'Fast')).toContainText('active');
  await item(page, 'Swing').getByTestId('layout-delete').click();
  await expect(page.getByTestId('layout-item')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/screenshots/layouts-dialog.png' });
  await page.keyboard.press('Escape');

  // Change the desk without saving: the reload restores what was on screen, and the book.
  await tab(page, '5m').click();
  await page.getByTestId('pair-toggle').click();
  await expect(page.getByTestId('pair-view')).toBeVisible();
  // Drag the separator under the pair view's price pane down: the heights join the layout.
  const pairChart = page.getByTestId('pair-chart');
  await expect(pairChart).toHaveAttribute('data-pane-heights', /^\d+,\d+,\d+,\d+$/);
  const heights = async () => ((await pairChart.getAttribute('data-pane-heights')) ?? '').split(',').map(Number);
  const before = await heights();
  const box = (await pairChart.boundingBox())!;
  const separatorY = box.y + before[0]! + 0.5;
  await page.mouse.move(box.x + box.width / 3, separatorY);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 3, separatorY + 30, { steps: 4 });
  await page.mouse.move(box.x + box.width / 3, separatorY + 60, { steps: 4 });
  await page.mouse.up();
  // The pane below gives way down to its minimum height.
  await expect.poll(async () => (await heights())[0]).toBeGreaterThan(before[0]! + 15);
  const dragged = await heights();
  // The layout on screen is written 300 ms after its last change: wait for it before reloading.
  await expect
    .poll(async () => {
      const rows = await readRows<{
        key: string;
        value: { timeframe?: string; pair?: { paneHeights?: number[] } | null };
      }>(page, 'settings');
      const current = rows.find((r) => r.key === 'desk-current-layout')?.value;
      return current?.timeframe === '5m' && current.pair?.paneHeights?.join(',') === dragged.join(',');
    })
    .toBe(true);
  await page.reload();
  await expect(tab(page, '5m')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('pair-view')).toBeVisible();
  // Restored as proportions of the same chart height: the same px, give or take rounding.
  await expect
    .poll(async () => (await heights()).every((h, i) => Math.abs(h - dragged[i]!) <= 3), { timeout: 10_000 })
    .toBe(true);
  await page.keyboard.press('i');
  await expect(page.getByTestId('indicators-dialog').getByTestId('indicator-item')).toHaveCount(1);
  await page.keyboard.press('Escape');
  dialog = await openLayouts(page);
  await expect(page.getByTestId('layout-item')).toHaveCount(1);
  await expect(item(page, 'Fast')).toContainText('1s');
});
