import type { AddressInfo } from 'node:net';
import { expect, test, type Page, type Worker } from './fixtures';
import { WebSocketServer } from 'ws';
import { MockExchange } from '../mock-exchange/server';
import { binanceTape, expectStoredEqualsReference, openConfirmedLink, readRows } from './helpers';

/** Every CSP violation the page or any of its workers reports, and every CSP console message. */
interface ViolationLog {
  readonly page: string[];
  readonly workers: string[];
  readonly console: string[];
}

async function watchViolations(page: Page): Promise<ViolationLog> {
  const log: ViolationLog = { page: [], workers: [], console: [] };
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('console', (m) => {
    if (/Content.Security.Policy|violates/i.test(m.text())) log.console.push(m.text());
  });
  page.on('worker', (w: Worker) => {
    void w
      .evaluate(() => {
        const seen: string[] = [];
        (self as unknown as { __violations: string[] }).__violations = seen;
        self.addEventListener('securitypolicyviolation', (e) =>
          seen.push(
            `${(e as SecurityPolicyViolationEvent).violatedDirective} ${(e as SecurityPolicyViolationEvent).blockedURI}`,
          ),
        );
      })
      .catch(() => undefined);
  });
  return log;
}

async function collect(page: Page, log: ViolationLog): Promise<ViolationLog> {
  const fromPage = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
  const fromWorkers: string[] = [];
  for (const w of page.workers()) {
    const v = await w
      .evaluate(() => (self as unknown as { __violations?: string[] }).__violations ?? [])
      .catch(() => []);
    fromWorkers.push(...v);
  }
  return { page: fromPage, workers: fromWorkers, console: log.console };
}

/** The feed worker: the one started from a blob so it inherits the page's policy. */
function feedWorker(page: Page): Worker {
  const w = page.workers().find((x) => x.url().startsWith('blob:'));
  if (w === undefined)
    throw new Error(
      `no blob worker among ${page
        .workers()
        .map((x) => x.url())
        .join(', ')}`,
    );
  return w;
}

/** A "fake exchange" on a second loopback port: records every connection and its URL. */
async function attackerServer(): Promise<{ url: string; hits: string[]; close: () => Promise<void> }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const hits: string[] = [];
  server.on('connection', (socket, req) => {
    hits.push(req.url ?? '');
    socket.close();
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/x`,
    hits,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function storedSettings(page: Page): Promise<unknown> {
  const rows = await readRows<{ key: string; value: unknown }>(page, 'settings');
  return rows.find((r) => r.key === 'app-settings')?.value ?? null;
}

async function saveToken(page: Page, token: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.locator('input[name=finnhub-token]').fill(token);
  await page.getByRole('button', { name: 'Save and reconnect' }).click();
  await expect(page.getByRole('form', { name: 'Settings' })).toHaveCount(0);
}

test('a strict policy is in force, blocks injected script and eval, and the app runs under it', async ({ page }) => {
  const mock = await MockExchange.start();
  try {
    const log = await watchViolations(page);
    const response = await page.goto('/?feed=demo');
    const header = response?.headers()['content-security-policy'] ?? '';
    expect(header).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(header).toContain("object-src 'none'");
    expect(header).toContain("base-uri 'self'");
    expect(header).toContain("frame-ancestors 'none'");
    expect(header).not.toContain("'unsafe-eval'");
    // The page narrows connections to the venues' hosts and loopback with its meta policy.
    const meta = page.locator('meta[http-equiv=Content-Security-Policy]');
    await expect(meta).toHaveCount(1);
    const pagePolicy = (await meta.getAttribute('content')) ?? '';
    expect(pagePolicy).toContain('wss://ws.finnhub.io');
    expect(pagePolicy).toContain('https://api.binance.com');
    expect(pagePolicy).toContain('ws://127.0.0.1:*');
    expect(pagePolicy).not.toMatch(/connect-src[^;]* (https|wss):( |;|$)/);

    // Injected inline script, an injected event handler and eval do not run; each is reported.
    // (Code evaluated by the test driver bypasses the policy, so eval is reached the way an
    // attacker would: a string timer, compiled by the page itself.)
    const injected = await page.evaluate(async () => {
      const w = window as unknown as Record<string, boolean | undefined>;
      const s = document.createElement('script');
      s.textContent = 'window.__inline = true';
      document.body.append(s);
      const holder = document.createElement('div');
      holder.innerHTML = '<img src="data:," onerror="window.__handler = true">';
      document.body.append(holder);
      (setTimeout as unknown as (code: string, ms: number) => void)('window.__eval = true', 0);
      await new Promise((r) => setTimeout(r, 300));
      return { inline: w['__inline'] ?? false, handler: w['__handler'] ?? false, eval: w['__eval'] ?? false };
    });
    expect(injected).toEqual({ inline: false, handler: false, eval: false });
    const blocked = await collect(page, log);
    expect(blocked.page.filter((v) => v.startsWith('script-src')).length).toBeGreaterThanOrEqual(3);

    // The app itself under the policy, against the mock exchange: websockets and REST from the
    // feed worker, IndexedDB, the chart, the service worker. Not one violation.
    // A fresh tab (the first one would stay the feed's leader, so it goes).
    const fresh = await page.context().newPage();
    await page.close();
    const freshLog = await watchViolations(fresh);
    await openConfirmedLink(fresh, `/?feed=live&${mock.appQuery()}`);
    await fresh.evaluate(() => navigator.serviceWorker.ready);
    await expect(fresh.getByTestId('connection-binance-spot')).toHaveAttribute('data-state', 'live');
    mock.tape.play(binanceTape(7, 4), { tradesPerSec: 300 });
    await mock.tape.done();
    await expectStoredEqualsReference(fresh, mock.tape.emitted);
    await expect(fresh.getByTestId('legend').locator('[data-field=trades]')).not.toHaveText('');
    expect(await collect(fresh, freshLog)).toEqual({ page: [], workers: [], console: [] });

    // The feed worker is held to the page's exact list, not the server's broader header: an
    // encrypted host nobody confirmed is refused there too.
    const worker = feedWorker(fresh);
    const refused = await worker.evaluate(async () => {
      const seen: string[] = [];
      self.addEventListener('securitypolicyviolation', (e) =>
        seen.push((e as SecurityPolicyViolationEvent).blockedURI),
      );
      try {
        new WebSocket('wss://unconfirmed.example/x');
      } catch {
        // Older engines throw instead of reporting; either way it never connects.
      }
      await fetch('https://unconfirmed.example/x').catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
      return seen;
    });
    expect(refused.join(' ')).toContain('unconfirmed.example');
  } finally {
    await mock.stop();
  }
});

test('an endpoint link needs confirmation: nothing connects before, reject keeps settings, no token without opt-in', async ({
  page,
}) => {
  const attacker = await attackerServer();
  try {
    await page.goto('/?feed=demo');
    await expect(page.getByTestId('source')).toHaveAttribute('data-source', 'demo');
    await saveToken(page, 'tok-secret-123');
    const before = await storedSettings(page);
    expect(before).toMatchObject({ finnhubToken: 'tok-secret-123', endpoints: {} });

    const link = `/?feed=live&instruments=finnhub:AAPL&endpoint.finnhub.ws=${encodeURIComponent(attacker.url)}`;
    await page.goto(link);
    const dialog = page.getByTestId('endpoint-confirm');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('endpoint-host')).toHaveText('127.0.0.1');
    await expect(dialog).toContainText(attacker.url);
    // The token opt-in is separate, names the host, and starts unticked.
    await expect(dialog.getByTestId('send-token')).not.toBeChecked();
    await expect(dialog.getByText('Also send my Finnhub API token to 127.0.0.1')).toBeVisible();
    await page.waitForTimeout(2_000);
    expect(attacker.hits).toEqual([]);

    await dialog.getByTestId('endpoint-reject').click();
    await expect(dialog).toHaveCount(0);
    expect(new URL(page.url()).search).toBe('');
    await expect(page.getByTestId('source')).toHaveAttribute('data-source', 'demo');
    await page.waitForTimeout(1_500);
    expect(attacker.hits).toEqual([]);
    expect(await storedSettings(page)).toEqual(before);
    // Reloading the stripped page asks nothing and changes nothing.
    await page.reload();
    await expect(page.getByTestId('source')).toHaveAttribute('data-source', 'demo');
    await expect(page.getByTestId('endpoint-confirm')).toHaveCount(0);
    expect(await storedSettings(page)).toEqual(before);

    // Accepted without the token opt-in: it connects, but the token stays home.
    await openConfirmedLink(page, link);
    await expect.poll(() => attacker.hits.length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(attacker.hits.every((url) => !url.includes('token') && !url.includes('tok-secret-123'))).toBe(true);
    expect(await storedSettings(page)).toMatchObject({
      endpoints: { finnhub: { ws: attacker.url } },
      finnhubToken: 'tok-secret-123',
      finnhubTokenOrigin: '',
    });
  } finally {
    await attacker.close();
  }
});

test('plain ws:// to another computer is refused, from a link and when typed in Settings', async ({ page }) => {
  await page.goto('/?feed=demo');
  await expect(page.getByTestId('source')).toHaveAttribute('data-source', 'demo');
  const before = await storedSettings(page);

  await page.goto('/?endpoint.finnhub.ws=ws://attacker.example/x');
  const dialog = page.getByTestId('endpoint-confirm');
  await expect(dialog.getByTestId('endpoint-refused')).toContainText(
    'ws:// is unencrypted and allowed only for this computer',
  );
  await expect(dialog.getByTestId('endpoint-accept')).toHaveCount(0);
  await dialog.getByTestId('endpoint-reject').click();
  expect(await storedSettings(page)).toEqual(before);

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.locator('summary', { hasText: 'Endpoints' }).click();
  await page.locator('input[name="endpoint.kraken.ws"]').fill('ws://attacker.example/kraken');
  await page.getByRole('button', { name: 'Save and reconnect' }).click();
  await expect(page.getByTestId('endpoint-errors')).toContainText(
    'ws:// is unencrypted and allowed only for this computer (localhost, 127.x.x.x, [::1]): use wss://attacker.example instead',
  );
  expect(await storedSettings(page)).toEqual(before);
});
