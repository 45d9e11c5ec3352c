import { expect, test, type Locator, type Page } from './fixtures';
import { indicatorsCommand } from '../../src/cli/commands/indicators';
import { memoryIo } from '../../src/cli/memory-io';
import { axeFindings, type PageCandle, readCandles } from './helpers';

/** The demo market: no exchange needed. Its first minute is slow on a loaded machine. */
const DEMO = '/?feed=demo';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 812 };
const SLOW = { timeout: 90_000 };
const SHOTS = 'test-results/screenshots';

test.describe.configure({ timeout: 240_000 });

async function open(page: Page, theme: 'dark' | 'light', viewport = DESKTOP, url = DEMO): Promise<void> {
  await page.setViewportSize(viewport);
  await page.addInitScript((t) => localStorage.setItem('tapewatch.theme', t), theme);
  await page.goto(url);
  await expect(page.getByTestId('source')).toHaveAttribute('data-source', 'demo', SLOW);
  await expect(page.getByTestId('legend').locator('[data-field=close]')).toHaveText(/^\d+\.\d+$/, SLOW);
  const toast = page.getByRole('button', { name: 'OK', exact: true });
  if (await toast.isVisible()) await toast.click();
}

/** Serious and critical axe findings, as readable lines (empty when clean). */
async function addIndicator(page: Page, name: string): Promise<void> {
  const dialog = page.getByTestId('indicators-dialog');
  await dialog.getByTestId('indicator-search').fill(name);
  await dialog.locator(`[data-indicator=${name}] button`).click();
}

/** The legend value of one output of the indicator whose label starts with `label`. */
function legendValue(page: Page, label: string, output: string): Locator {
  return page.getByTestId('indicator-legend').filter({ hasText: label }).locator(`[data-output=${output}]`);
}

/** The box is inside the viewport (a control the user can reach without scrolling sideways). */
async function expectInViewport(page: Page, locator: Locator): Promise<void> {
  const box = await locator.boundingBox();
  const size = page.viewportSize();
  expect(box, 'visible').not.toBeNull();
  if (box === null || size === null) return;
  expect(box.x).toBeGreaterThanOrEqual(-1);
  expect(box.y).toBeGreaterThanOrEqual(-1);
  expect(box.x + box.width).toBeLessThanOrEqual(size.width + 1);
  expect(box.y + box.height).toBeLessThanOrEqual(size.height + 1);
}

/** Runs the CLI's `indicators` command in-process on bars exported from the app's IndexedDB. */
async function cliIndicators(bars: readonly PageCandle[], specs: readonly string[]): Promise<Map<string, number[]>> {
  const header = 'open_time_ms,open,high,low,close,volume,quote_volume,buy_volume,sell_volume,trades';
  const csv = [
    header,
    ...bars.map((b) =>
      [b.openTimeMs, b.open, b.high, b.low, b.close, b.volume, b.quoteVolume, b.buyVolume, b.sellVolume, b.trades].join(
        ',',
      ),
    ),
  ].join('\n');
  const { io, out: result } = memoryIo({ 'bars.csv': csv });
  const code = await indicatorsCommand.run(['--candles', 'bars.csv', ...specs.flatMap((s) => ['--indicator', s])], io);
  expect(code, result.stderr).toBe(0);
  const out = result.stdout;
  const [, ...rows] = out.trim().split('\n');
  const byTime = new Map<string, number[]>();
  for (const row of rows) {
    const cells = row.split(',');
    byTime.set(
      cells[0] ?? '',
      cells.slice(1).map((c) => (c === '' ? Number.NaN : Number(c))),
    );
  }
  return byTime;
}

for (const theme of ['dark', 'light'] as const) {
  test(`RSI and MACD panes and a Bollinger overlay from the list, ${theme}`, async ({ page }) => {
    await open(page, theme);
    await page.keyboard.press('i');
    const dialog = page.getByTestId('indicators-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog).toHaveAttribute('aria-modal', 'true');
    await expect(dialog.getByTestId('indicator-search')).toBeFocused();
    // Every registry entry is listed.
    await expect(dialog.getByTestId('indicator-list').locator('[data-indicator]')).toHaveCount(54);
    await addIndicator(page, 'rsi');
    await addIndicator(page, 'macd');
    await addIndicator(page, 'bb');
    await expect(dialog.getByTestId('indicator-item')).toHaveCount(3);
    // Parameters are checked against the registry, inline.
    const rsi = dialog.locator('[data-testid=indicator-item][data-spec=rsi]');
    await rsi.getByRole('textbox', { name: 'period' }).fill('2.5');
    await expect(rsi.getByRole('alert')).toHaveText('period must be a whole number');
    await expect(rsi.getByRole('button', { name: 'Apply' })).toBeDisabled();
    await rsi.getByRole('textbox', { name: 'period' }).fill('14');
    await page.screenshot({ path: `${SHOTS}/desk-indicators-dialog-${theme}.png` });
    expect(await axeFindings(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);

    // Values come from the worker: every output shows a number once the view is rebuilt.
    for (const [label, output] of [
      ['RSI 14', 'rsi'],
      ['MACD 12 26 9', 'histogram'],
      ['BB 20 2', 'upper'],
    ] as const) {
      await expect(legendValue(page, label, output)).toHaveAttribute('data-value', /\d/, SLOW);
    }
    await page.screenshot({ path: `${SHOTS}/desk-${theme}.png` });
    expect(await axeFindings(page)).toEqual([]);
  });
}

test('legend values equal the indicators command on the candles stored in IndexedDB', async ({ page }) => {
  await open(page, 'dark');
  // Demo history is written in chunks after the first candles (older bars arrive after the chart
  // first fitted a few, and a chunk can still be in flight when 180 bars are stored). Once the
  // oldest stored bar stops moving back, reload: the chart opens on the stored history and the
  // worker seeds the indicators from the same first bar the CLI reads.
  let previousOldest = NaN;
  await expect
    .poll(
      async () => {
        const bars = await readCandles(page, 'demo', 'BTCUSDT', '1m');
        const oldest = bars[0]?.openTimeMs ?? Infinity;
        const settled = bars.length >= 180 && oldest === previousOldest;
        previousOldest = oldest;
        return settled;
      },
      { timeout: 90_000, intervals: [2_000] },
    )
    .toBe(true);
  await page.reload();
  await expect(page.getByTestId('legend').locator('[data-field=close]')).toHaveText(/^\d+\.\d+$/, SLOW);
  const specs = ['rsi:14', 'macd:12,26,9', 'bb:20,2'];
  await page.keyboard.press('i');
  for (const name of ['rsi', 'macd', 'bb']) await addIndicator(page, name);
  await page.keyboard.press('Escape');
  await expect(legendValue(page, 'RSI 14', 'rsi')).toHaveAttribute('data-value', /\d/, SLOW);
  // Hover a closed bar well inside the chart: its values no longer change.
  const canvas = page.locator('.canvas');
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + 100);
  const time = page.getByTestId('legend').locator('[data-field=time]');
  await expect(time).toHaveAttribute('data-time-ms', /\d+/);
  const timeMs = (await time.getAttribute('data-time-ms'))!;
  const bars = await readCandles(page, 'demo', 'BTCUSDT', '1m');
  expect(bars[0]?.openTimeMs, 'no older bar was stored after the indicators were seeded').toBe(previousOldest);
  const cli = await cliIndicators(bars, specs);
  const row = cli.get(timeMs);
  expect(row, `bar ${timeMs} is stored`).toBeDefined();
  // CLI columns: rsi; macd, signal, histogram; bb middle, upper, lower, percent_b, bandwidth.
  const expected: [string, string, number][] = [
    ['RSI 14', 'rsi', row![0]!],
    ['MACD 12 26 9', 'macd', row![1]!],
    ['MACD 12 26 9', 'signal', row![2]!],
    ['MACD 12 26 9', 'histogram', row![3]!],
    ['BB 20 2', 'middle', row![4]!],
    ['BB 20 2', 'upper', row![5]!],
    ['BB 20 2', 'lower', row![6]!],
  ];
  let compared = 0;
  for (const [label, output, want] of expected) {
    const shown = Number(await legendValue(page, label, output).getAttribute('data-value'));
    expect(Number.isFinite(want), `${label} ${output} warmed up`).toBe(true);
    expect(Math.abs(shown - want) / Math.max(1e-12, Math.abs(want)), `${label} ${output}`).toBeLessThanOrEqual(1e-9);
    compared++;
  }
  expect(compared).toBe(7);
});

for (const theme of ['dark', 'light'] as const) {
  test(`phone layout: every control reachable, dialogs fit with their buttons, ${theme}`, async ({ page }) => {
    await open(page, theme, PHONE);
    await page.screenshot({ path: `${SHOTS}/desk-phone-${theme}.png` });
    expect(await axeFindings(page)).toEqual([]);
    await expectInViewport(page, page.locator('[data-timeframe="1s"]'));
    await expectInViewport(page, page.locator('[data-timeframe="1d"]'));
    await expectInViewport(page, page.getByRole('tab', { name: 'BTCUSDT' }));
    await expectInViewport(page, page.getByTestId('open-picker'));
    const menuButton = page.getByTestId('menu-button');
    await expectInViewport(page, menuButton);
    for (const [name, testid] of [
      ['Indicators', 'indicators-dialog'],
      ['History', 'history-dialog'],
      ['Settings', 'settings-dialog'],
      ['Keyboard shortcuts', 'shortcuts-dialog'],
    ] as const) {
      await menuButton.click();
      const menu = page.getByTestId('menu-dialog');
      await expectInViewport(page, menu);
      await menu.getByRole('button', { name, exact: name !== 'Indicators' }).click();
      const dialog = page.getByTestId(testid);
      await expect(dialog).toBeVisible();
      await expectInViewport(page, dialog);
      await expectInViewport(page, dialog.getByRole('button', { name: 'Close', exact: true }));
      if (testid === 'settings-dialog')
        await expectInViewport(page, dialog.getByRole('button', { name: 'Save and reconnect' }));
      await page.screenshot({ path: `${SHOTS}/desk-phone-${testid}-${theme}.png` });
      expect(await axeFindings(page), testid).toEqual([]);
      await dialog.getByRole('button', { name: 'Close', exact: true }).click();
      await expect(dialog).toHaveCount(0);
    }
    await page.getByTestId('open-picker').click();
    const picker = page.getByTestId('instrument-picker');
    await expectInViewport(page, picker.getByTestId('picker-done'));
    expect(await axeFindings(page)).toEqual([]);
    await picker.getByTestId('picker-done').click();
    // The theme is in the menu too.
    await menuButton.click();
    await expect(page.getByTestId('menu-dialog').getByRole('combobox', { name: 'Theme' })).toBeVisible();
  });
}

for (const theme of ['dark', 'light'] as const) {
  test(`every dialog on the desktop: labelled, modal, axe-clean, ${theme}`, async ({ page }) => {
    await open(page, theme);
    for (const [open, testid] of [
      [() => page.getByRole('button', { name: 'Settings' }).click(), 'settings-dialog'],
      [() => page.getByRole('button', { name: 'History' }).click(), 'history-dialog'],
      [() => page.getByTestId('open-picker').click(), 'instrument-picker'],
      [() => page.getByRole('button', { name: 'Keyboard shortcuts' }).click(), 'shortcuts-dialog'],
      [() => page.getByRole('button', { name: /^Indicators/ }).click(), 'indicators-dialog'],
      [() => page.getByTestId('open-layouts').click(), 'layouts-dialog'],
    ] as const) {
      await open();
      const dialog = page.getByTestId(testid);
      await expect(dialog).toHaveAttribute('aria-modal', 'true');
      await expect(page.getByRole('dialog')).toHaveCount(1);
      expect(await page.getByRole('dialog').getAttribute('aria-labelledby')).toBeTruthy();
      await page.screenshot({ path: `${SHOTS}/desk-dialog-${testid}-${theme}.png` });
      expect(await axeFindings(page), testid).toEqual([]);
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
    }
    await expect(page.locator('h1')).toHaveCount(1);
  });
}

test('keyboard: timeframe keys, / searches instruments, i adds an indicator, ? lists shortcuts, Escape and focus', async ({
  page,
}) => {
  await open(page, 'dark');
  await page.keyboard.press('5');
  await expect(page.locator('[data-timeframe="5m"]')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('legend')).toContainText('· 5m');
  await page.keyboard.press('1');
  await expect(page.locator('[data-timeframe="1s"]')).toHaveAttribute('aria-selected', 'true');
  // 1s bars show seconds.
  await expect(page.getByTestId('legend').locator('[data-field=time]')).toHaveText(/\d\d:\d\d:\d\d UTC$/, SLOW);
  await page.keyboard.press('4');

  const opener = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await opener.focus();
  await page.keyboard.press('?');
  const shortcuts = page.getByTestId('shortcuts-dialog');
  await expect(shortcuts).toContainText('Search instruments');
  await expect(shortcuts.getByRole('button', { name: 'Close', exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(shortcuts).toHaveCount(0);
  await expect(opener).toBeFocused();

  await page.locator('body').click({ position: { x: 5, y: 200 } });
  await page.keyboard.press('/');
  await expect(page.getByTestId('instrument-search')).toBeFocused();
  // Keys typed in a field are text, not shortcuts.
  await page.keyboard.type('kraken:BTC/USD');
  await expect(page.locator('[data-timeframe="1m"]')).toHaveAttribute('aria-selected', 'true');
  await expect(
    page.getByTestId('instrument-picker').locator('[data-testid=instrument-result][data-instrument="kraken:BTC/USD"]'),
  ).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('instrument-picker')).toHaveCount(0);

  await page.keyboard.press('i');
  await expect(page.getByTestId('indicator-search')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('indicators-dialog')).toHaveCount(0);
});

test('demo data standing in for Kraken BTC/USD says so in the title', async ({ page }) => {
  await open(page, 'dark', DESKTOP, '/?feed=demo&instruments=kraken:BTC/USD,binance-spot:ETHUSDT');
  const legend = page.getByTestId('legend');
  await expect(legend.locator('h2')).toHaveText('BTCUSDT · Demo · 1m');
  await expect(legend).toContainText('simulated market standing in for BTC/USD · Kraken');
});

test('a short series keeps readable bars; prices at one precision', async ({ page }) => {
  await open(page, 'dark');
  // Three hours of demo history make one or two daily bars.
  await page.keyboard.press('9');
  await expect(page.getByTestId('legend').locator('[data-field=time]')).toHaveText(/^\d{4}-\d\d-\d\d UTC$/, SLOW);
  const canvas = page.locator('.canvas');
  await expect.poll(async () => Number(await canvas.getAttribute('data-bar-spacing')), SLOW).toBeGreaterThanOrEqual(20);
  await page.screenshot({ path: `${SHOTS}/desk-sparse.png` });
  const legend = page.getByTestId('legend');
  const decimals = async (field: string) =>
    ((await legend.locator(`[data-field=${field}]`).textContent()) ?? '').split('.')[1]?.length ?? 0;
  const open_ = await decimals('open');
  for (const field of ['high', 'low', 'close']) expect(await decimals(field), field).toBe(open_);
});
