import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** The demo market: no exchange needed, history written at once. */
const DEMO = '/?feed=demo';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 812 };

async function open(page: Page, theme: 'dark' | 'light', viewport = DESKTOP): Promise<void> {
  await page.setViewportSize(viewport);
  await page.addInitScript((t) => localStorage.setItem('tapewatch.theme', t), theme);
  await page.goto(DEMO);
  await expect(page.getByTestId('source')).toHaveAttribute('data-source', 'demo');
  await expect(page.getByTestId('legend').locator('[data-field=close]')).toHaveText(/^\d+\.\d+$/);
  const toast = page.getByRole('button', { name: 'OK' });
  if (await toast.isVisible()) await toast.click();
}

/** Serious and critical axe findings, as readable lines (empty when clean). */
async function axeFindings(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page });
  if (include !== undefined) builder = builder.include(include);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')} — ${v.nodes[0]?.failureSummary ?? ''}`);
}

async function addIndicator(page: Page, name: string): Promise<void> {
  const dialog = page.getByTestId('indicators-dialog');
  await dialog.getByTestId('indicator-search').fill(name);
  await dialog.locator(`[data-indicator=${name}] button`).click();
}

for (const theme of ['dark', 'light'] as const) {
  test(`indicators from the list on the chart, ${theme}`, async ({ page }) => {
    await open(page, theme);
    await page.keyboard.press('i');
    const dialog = page.getByTestId('indicators-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('indicator-search')).toBeFocused();
    await addIndicator(page, 'rsi');
    await addIndicator(page, 'macd');
    await addIndicator(page, 'bb');
    await expect(dialog.getByTestId('indicator-item')).toHaveCount(3);
    await page.screenshot({ path: `test-results/screenshots/desk-indicators-dialog-${theme}.png` });
    expect(await axeFindings(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await page.screenshot({ path: `test-results/screenshots/desk-${theme}.png` });
    expect(await axeFindings(page)).toEqual([]);
  });
}
