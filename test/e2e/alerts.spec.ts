import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page, type Worker } from './fixtures';
import type { Trade } from '../../src/core/exchange/types';
import { MockExchange } from '../mock-exchange/server';
import { openConfirmedLink, readRows } from './helpers';

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/alerts-${name}.png` });

/**
 * Trades of one Binance symbol at the given prices, `stepMs` apart: a price path the test
 * controls (the tape shifts its times to now, so the bars are live).
 */
function pricePath(symbol: string, prices: readonly string[], stepMs = 250, startMs = Date.UTC(2024, 0, 1)): Trade[] {
  return prices.map((price, i) => ({
    venue: 'binance-spot',
    symbol,
    id: i + 1,
    timeMs: startMs + i * stepMs,
    price,
    size: '0.01',
    side: i % 2 === 0 ? 'buy' : 'sell',
  }));
}

/** Two symbols' paths merged in time order, each with its own ids. */
function merged(...paths: Trade[][]): Trade[] {
  return paths.flat().sort((a, b) => a.timeMs - b.timeMs || a.symbol.localeCompare(b.symbol));
}

type Shown = { title: string; tag: string | undefined };

/**
 * Counts `showNotification` calls in the service worker, which shows every notification (whether
 * the feed worker's or a page's copy of a firing got there first). Patched once it is running;
 * a page in the context has registered it by then.
 */
async function countNotifications(context: BrowserContext): Promise<Worker> {
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await sw.evaluate(() => {
    const scope = self as unknown as ServiceWorkerGlobalScope & { __shown?: Shown[] };
    const original = scope.registration.showNotification.bind(scope.registration);
    scope.__shown = [];
    scope.registration.showNotification = (title, options) => {
      scope.__shown?.push({ title, tag: options?.tag });
      return original(title, options);
    };
  });
  return sw;
}

async function shownIn(sw: Worker): Promise<Shown[]> {
  return sw.evaluate(() => (self as unknown as { __shown?: Shown[] }).__shown ?? []);
}

async function notifications(
  page: Page,
  tag?: string,
): Promise<{ title: string; body: string; tag: string; data: unknown }[]> {
  return page.evaluate(async (tag) => {
    const registration = await navigator.serviceWorker.ready;
    const list = await registration.getNotifications(tag === undefined ? undefined : { tag });
    return list.map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data as unknown }));
  }, tag);
}

/** Opens the app on the mock's Binance (BTCUSDT, ETHUSDT), live, notifications granted. */
async function openLive(page: Page, context: BrowserContext, mock: MockExchange): Promise<void> {
  await context.grantPermissions(['notifications']);
  await openConfirmedLink(page, `/?feed=live&${mock.appQuery()}`);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect(page.getByTestId('connection-binance-spot')).toHaveAttribute('data-state', 'live');
}

/** Creates a price rule from the chart's 🔔 with the given level and fields. */
async function priceRuleFromChart(
  page: Page,
  fields: { id: string; level: string; op?: string; cooldownSec?: string; trigger?: string },
): Promise<void> {
  await page.getByTestId('chart-alert').click();
  const form = page.getByTestId('rule-form');
  await expect(form).toBeVisible();
  await form.locator('[data-field=id]').fill(fields.id);
  await form.getByTestId('rule-level').fill(fields.level);
  if (fields.op !== undefined) await form.locator('[data-field=op]').selectOption(fields.op);
  if (fields.cooldownSec !== undefined) await form.locator('[data-field=cooldownSec]').fill(fields.cooldownSec);
  if (fields.trigger !== undefined) await form.getByLabel('Trigger').selectOption(fields.trigger);
  await form.getByTestId('rule-save').click();
  await expect(page.getByTestId('rule-list').locator(`[data-rule="${fields.id}"]`)).toBeVisible();
}

async function openFirings(page: Page) {
  if (!(await page.getByTestId('alert-center').isVisible())) await page.getByTestId('open-alerts').click();
  await page.getByTestId('alert-tab-firings').click();
  return page.getByTestId('alert-center').getByTestId('firing');
}

test.describe('alerts', () => {
  let mock: MockExchange;
  test.beforeEach(async () => {
    mock = await MockExchange.start();
  });
  test.afterEach(async () => {
    await mock.stop();
  });

  test('the service worker is ours and keeps the policy headers', async ({ page }) => {
    const res = await page.request.get('/service-worker.js');
    expect(res.status()).toBe(200);
    expect(res.headers()['content-security-policy']).toContain("default-src 'self'");
    expect(await res.text()).toContain('notificationclick');
  });

  test('a price rule from the chart fires, notifies with its tag and text, and the click lands on the bar', async ({
    page,
    context,
  }) => {
    await openLive(page, context, mock);
    mock.tape.play(pricePath('BTCUSDT', ['42000', '42010', '41990', '42005']), { tradesPerSec: 20 });
    await mock.tape.done();
    await expect(page.getByTestId('legend').locator('[data-field=close]')).toHaveText(/^42005/);
    await priceRuleFromChart(page, { id: 'px-up', level: '42100' });
    await shot(page, 'rule-created-1280');
    await page.getByTestId('alert-center').getByRole('button', { name: 'Close' }).click();
    // Watch another timeframe: the click must bring the rule's back.
    await page.keyboard.press('5');
    mock.tape.play(pricePath('BTCUSDT', ['42050', '42090', '42150', '42160'], 250, Date.UTC(2024, 0, 1, 0, 0, 2)), {
      tradesPerSec: 20,
      keepTimeline: true,
    });
    await expect.poll(async () => (await notifications(page, 'tapewatch-alert:px-up')).length).toBe(1);
    const [n] = await notifications(page, 'tapewatch-alert:px-up');
    expect(n!.title).toBe('BTCUSDT · px-up');
    // The close judged is the batch's newest: any price of the path above the level (trades coalesce).
    expect(n!.body).toMatch(
      /^close 421[0-6]\d(\.\d+)? crossed above 42100 · 1m bar \d{4}-\d\d-\d\d \d\d:\d\d UTC( \(bar still forming\))?$/,
    );
    expect(Number(/^close (\S+)/.exec(n!.body)?.[1])).toBeGreaterThan(42100);
    const bar = (n!.data as { barOpenMs: number }).barOpenMs;
    await expect(page.getByTestId('alert-toast')).toContainText('crossed above 42100');
    await shot(page, 'toast-1280');

    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await sw.evaluate(async () => {
      const scope = self as unknown as ServiceWorkerGlobalScope;
      const [notification] = await scope.registration.getNotifications({ tag: 'tapewatch-alert:px-up' });
      scope.dispatchEvent(new NotificationEvent('notificationclick', { notification: notification! }));
    });
    const focus = page.getByTestId('alert-focus');
    await expect(focus).toHaveAttribute('data-bar-ms', String(bar));
    await expect(focus).toHaveAttribute('data-in-view', 'true');
    await expect(page.getByRole('tab', { name: '1m', exact: true })).toHaveAttribute('aria-selected', 'true');
    await shot(page, 'landed-1280');
  });

  test('two tabs: exactly one notification per firing; cooldown and dedup hold under a flapping price', async ({
    page,
    context,
  }) => {
    await openLive(page, context, mock);
    const sw = await countNotifications(context);
    const second = await context.newPage();
    await second.goto('/');
    await expect(second.getByTestId('source')).toHaveAttribute('data-role', 'follower');
    mock.tape.play(pricePath('BTCUSDT', ['42000', '42001']), { tradesPerSec: 20 });
    await mock.tape.done();
    // Every time, no cooldown: dedup alone allows at most one firing per rule and 1m bar.
    await priceRuleFromChart(page, { id: 'flap', level: '42050', op: 'crosses', cooldownSec: '0' });
    await page.getByTestId('alert-center').getByRole('button', { name: 'Close' }).click();
    // Cooldown: 90 s between firings, whatever the bar.
    await priceRuleFromChart(page, { id: 'cool', level: '42050', op: 'crosses', cooldownSec: '90' });
    await page.getByTestId('alert-center').getByRole('button', { name: 'Close' }).click();
    // Three minutes of market time, the price crossing 42050 back and forth every 5 s.
    const flapping = Array.from({ length: 36 }, (_, i) => (i % 2 === 0 ? '42060' : '42040'));
    mock.tape.play(pricePath('BTCUSDT', flapping, 5_000, Date.UTC(2024, 0, 1, 0, 0, 5)), {
      tradesPerSec: 12,
      keepTimeline: true,
    });
    await mock.tape.done();
    const firings = await openFirings(page);
    // 36 crossings over the minutes the path spans: one per bar for `flap`.
    await expect
      .poll(async () => page.getByTestId('alert-center').locator('[data-testid=firing][data-rule=flap]').count())
      .toBeGreaterThanOrEqual(3);
    await page.waitForTimeout(1_500);
    const rows = await firings.evaluateAll((els) =>
      els.map((e) => ({ rule: e.getAttribute('data-rule'), bar: Number(e.getAttribute('data-bar-ms')) })),
    );
    const flapBars = rows.filter((r) => r.rule === 'flap').map((r) => r.bar);
    expect(new Set(flapBars).size).toBe(flapBars.length);
    expect(flapBars.length).toBeLessThanOrEqual(4);
    const coolBars = rows
      .filter((r) => r.rule === 'cool')
      .map((r) => r.bar)
      .sort((a, b) => a - b);
    expect(coolBars.length).toBeGreaterThanOrEqual(1);
    expect(coolBars.length).toBeLessThan(flapBars.length);
    // One notification shown per firing, whichever tab's worker or page asked first.
    expect((await shownIn(sw)).length).toBe(rows.length);
    // The tag per rule replaces rather than stacks: one notification per rule on screen.
    expect((await notifications(page)).map((n) => n.tag).sort()).toEqual([
      'tapewatch-alert:cool',
      'tapewatch-alert:flap',
    ]);
  });

  test('the divergence preset from the pair view fires on two mock instruments', async ({ page, context }) => {
    await openLive(page, context, mock);
    mock.tape.play(merged(pricePath('BTCUSDT', ['42000', '42000']), pricePath('ETHUSDT', ['2200', '2200'])), {
      tradesPerSec: 20,
    });
    await mock.tape.done();
    await page.getByTestId('pair-toggle').click();
    await page.getByTestId('pair-alert').click();
    const form = page.getByTestId('rule-form');
    await expect(form.locator('[data-field=kind]')).toHaveValue('divergence');
    await form.locator('[data-field=timeframe]').selectOption('1s');
    // A 3 s window, so a few seconds of mock market are enough history.
    await form.locator('[data-field=windowSec]').fill('3');
    await form.getByTestId('rule-save').click();
    await page.getByTestId('alert-center').getByRole('button', { name: 'Close' }).click();
    // At wall-clock pace: 5 s flat, then BTC up 1 % over 2 s while ETH stays put.
    const flat = Array.from({ length: 20 }, () => '42000');
    const up = ['42050', '42100', '42150', '42200', '42250', '42300', '42350', '42420'];
    const btc = pricePath('BTCUSDT', [...flat, ...up], 250, Date.UTC(2024, 0, 1, 0, 0, 1)).map((t) => ({
      ...t,
      id: t.id! + 10,
    }));
    const eth = pricePath(
      'ETHUSDT',
      Array.from({ length: 28 }, (_, i) => (i % 2 === 0 ? '2200' : '2200.1')),
      250,
      Date.UTC(2024, 0, 1, 0, 0, 1),
    ).map((t) => ({ ...t, id: t.id! + 10 }));
    mock.tape.play(merged(btc, eth), { tradesPerSec: 8, keepTimeline: true });
    const firings = await openFirings(page);
    await expect(firings.first()).toContainText('binance-spot:BTCUSDT / binance-spot:ETHUSDT');
    await shot(page, 'divergence-1280');
  });

  // The price crosses 20 ms after the save click, usually before the rule has reached the
  // leader's worker (storage, then a BroadcastChannel): the worker judges it on the bars that
  // arrived since the save (AlertStage.setRules), so the cross is not missed on a loaded machine.
  test('a webhook delivers to a local endpoint; a failing one shows its error and keeps the firing', async ({
    page,
    context,
  }) => {
    await openLive(page, context, mock);
    await page.getByTestId('open-alerts').click();
    await page.getByTestId('alert-tab-channels').click();
    for (const name of ['desk', 'broken']) {
      await page.getByTestId('add-webhook').click();
      await page.getByTestId('channel-url').fill(`${mock.httpBase}/webhook/${name}`);
      await page.getByTestId('channel-form').getByLabel('Name').fill(name);
      await page.getByTestId('channel-save').click();
    }
    const channels = page.getByTestId('channel');
    await expect(channels).toHaveCount(2);
    // Nothing is sent before the destination host is confirmed; confirming names it.
    for (const c of await channels.all()) {
      await expect(c.getByTestId('channel-confirm')).toHaveText(`Confirm http://127.0.0.1:${mock.port}`);
      await c.getByTestId('channel-confirm').click();
    }
    await shot(page, 'channels-1280');
    const calls = () => mock.channels.requests.filter((r) => r.path === '/webhook/broken').length;
    // The broken receiver drops the connection (the browser sees a network failure).
    const realHandle = mock.channels.handleHttp.bind(mock.channels);
    mock.channels.handleHttp = (url, req, res) => {
      if (url.pathname === '/webhook/broken' && req.method === 'POST') {
        mock.channels.requests.push({ channel: 'webhook', method: req.method ?? '', path: url.pathname, status: 500 });
        res
          .writeHead(500, { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'Content-Type' })
          .end('down');
        return true;
      }
      return realHandle(url, req, res);
    };
    mock.tape.play(pricePath('BTCUSDT', ['42000', '42001']), { tradesPerSec: 20 });
    await mock.tape.done();
    await page.getByTestId('alert-tab-rules').click();
    await page.getByTestId('new-rule').click();
    const form = page.getByTestId('rule-form');
    await form.locator('[data-field=id]').fill('hook-up');
    await form.getByTestId('rule-level').fill('42100');
    await form.getByTestId('rule-save').click();
    mock.tape.play(pricePath('BTCUSDT', ['42050', '42150'], 500, Date.UTC(2024, 0, 1, 0, 0, 1)), {
      tradesPerSec: 10,
      keepTimeline: true,
    });
    await expect.poll(() => mock.channels.of('webhook').length).toBe(1);
    const body = JSON.parse(mock.channels.of('webhook')[0]!.body);
    expect(body).toMatchObject({
      source: 'tapewatch',
      rule: 'hook-up',
      instrument: 'binance-spot:BTCUSDT',
      priority: 'normal',
    });
    expect(body.reason).toContain('crossed above 42100');
    await page.getByTestId('alert-tab-channels').click();
    const broken = page.locator('[data-testid=channel]', { hasText: 'broken' });
    await expect(broken.getByTestId('delivery-error')).toContainText('HTTP 500');
    await expect(broken.getByTestId('delivery')).toHaveAttribute('data-status', 'pending');
    expect(calls()).toBeGreaterThanOrEqual(1);
    // The other channel was not held back, and the firing is in the history.
    await expect(page.locator('[data-testid=channel]', { hasText: 'desk' }).getByTestId('delivery')).toHaveAttribute(
      'data-status',
      'sent',
    );
    await expect(await openFirings(page)).toHaveCount(1);
    await page.getByTestId('alert-tab-channels').click();
    await shot(page, 'channel-error-1280');
  });

  test('the alert history survives a reload and is shown offline', async ({ page, context }) => {
    await openLive(page, context, mock);
    mock.tape.play(pricePath('BTCUSDT', ['42000', '42001']), { tradesPerSec: 20 });
    await mock.tape.done();
    await priceRuleFromChart(page, { id: 'keep', level: '42100' });
    await page.getByTestId('alert-center').getByRole('button', { name: 'Close' }).click();
    mock.tape.play(pricePath('BTCUSDT', ['42050', '42150'], 500, Date.UTC(2024, 0, 1, 0, 0, 1)), {
      tradesPerSec: 10,
      keepTimeline: true,
    });
    await expect(await openFirings(page)).toHaveCount(1);
    await page.reload();
    await expect(await openFirings(page)).toHaveCount(1);
    await page.close();
    await context.setOffline(true);
    try {
      const offline = await context.newPage();
      await offline.goto('/');
      const firings = await openFirings(offline);
      await expect(firings).toHaveCount(1);
      await expect(firings.first()).toContainText('crossed above 42100');
      await shot(offline, 'offline-history-1280');
    } finally {
      await context.setOffline(false);
    }
  });
});

test.describe('alert center on screen', () => {
  test('the form makes a news sentiment rule with the fields the engine judges', async ({ page }) => {
    await page.goto('/?feed=demo');
    await expect(page.getByTestId('source')).toHaveAttribute('data-source', 'demo');
    await page.getByTestId('open-alerts').click();
    await page.getByTestId('alert-tab-rules').click();
    await page.getByTestId('new-rule').click();
    const form = page.getByTestId('rule-form');
    await form.locator('[data-field=kind]').selectOption('sentiment');
    // The price form's cross does not apply: the condition falls back to "above".
    await expect(form.locator('[data-field=op]')).toHaveValue('above');
    await form.locator('[data-field=id]').fill('news-bear');
    await form.locator('[data-field=op]').selectOption('below');
    await form.locator('[data-field=level]').fill('-0.3');
    await form.locator('[data-field=minArticles]').fill('0');
    await form.getByTestId('rule-save').click();
    await expect(form.getByTestId('rule-error')).toHaveText('At least 1 article');
    await form.locator('[data-field=minArticles]').fill('4');
    await form.locator('[data-field=newsWindowMin]').fill('180');
    for (const [name, width, height] of [
      ['1280', 1280, 800],
      ['375', 375, 812],
    ] as const) {
      await page.setViewportSize({ width, height });
      await shot(page, `form-sentiment-${name}`);
      const axe = await new AxeBuilder({ page }).analyze();
      expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    }
    await form.getByTestId('rule-save').click();
    const rule = page.getByTestId('rule-list').locator('[data-rule="news-bear"]');
    await expect(rule).toContainText('news sentiment below -0.3 (≥ 4 articles over 180 min)');
    // Stored as a rules-file rule, with the fields the engine's sentiment rule reads.
    const stored = await readRows<{ id: string; rule: unknown }>(page, 'alertRules');
    expect(stored.find((r) => r.id === 'news-bear')?.rule).toMatchObject({
      kind: 'sentiment',
      op: 'below',
      value: -0.3,
      minArticles: 4,
      windowMs: 10_800_000,
    });
  });

  for (const theme of ['dark', 'light'] as const) {
    for (const size of [
      { name: '1280', width: 1280, height: 800 },
      { name: '375', width: 375, height: 812 },
    ]) {
      test(`${theme} ${size.name}px: right-click a price, the form, axe clean`, async ({ page }) => {
        await page.setViewportSize({ width: size.width, height: size.height });
        await page.addInitScript((t) => localStorage.setItem('tapewatch.theme', t), theme);
        await page.goto('/?feed=demo');
        await expect(page.getByTestId('source')).toHaveAttribute('data-source', 'demo');
        await expect
          .poll(async () => Number(await page.getByTestId('legend').locator('[data-field=trades]').textContent()))
          .toBeGreaterThan(0);
        const canvas = page.locator('.canvas-wrap');
        const box = (await canvas.boundingBox())!;
        await canvas.click({ button: 'right', position: { x: box.width / 2, y: box.height / 4 } });
        await expect(page.getByTestId('price-alert-menu')).toBeVisible();
        await page.getByTestId('price-alert-create').click();
        const form = page.getByTestId('rule-form');
        await expect(form.getByTestId('rule-level')).not.toHaveValue('');
        await shot(page, `form-${theme}-${size.name}`);
        const axe = await new AxeBuilder({ page }).analyze();
        expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
        await form.getByTestId('rule-save').click();
        await expect(page.getByTestId('rule')).toHaveCount(1);
        await shot(page, `rules-${theme}-${size.name}`);
        const axe2 = await new AxeBuilder({ page }).analyze();
        expect(axe2.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
      });
    }
  }
});
