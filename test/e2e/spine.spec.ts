import { expect, test } from './fixtures';
import { MockExchange } from '../mock-exchange/server';
import { binanceTape, expectStoredEqualsReference, readCandles, referenceCandles, openConfirmedLink } from './helpers';

let mock: MockExchange;

test.beforeEach(async () => {
  mock = await MockExchange.start();
});

test.afterEach(async () => {
  await mock.stop();
});

test('trades from the exchange become candles equal to an independent aggregation', async ({ page }) => {
  await openConfirmedLink(page, `/?feed=live&${mock.appQuery()}`);
  await expect(page.getByTestId('connection-binance-spot')).toHaveAttribute('data-state', 'live');
  mock.tape.play(binanceTape(5, 8), { tradesPerSec: 300 });
  await mock.tape.done();
  await expect(page.getByTestId('source')).toHaveAttribute('data-source', 'live');
  await expectStoredEqualsReference(page, mock.tape.emitted);

  // The chart shows the newest bar: its legend equals the reference's last bar.
  const last = referenceCandles(mock.tape.emitted, 'BTCUSDT').at(-1)!;
  const legend = page.getByTestId('legend');
  await expect
    .poll(async () => Number(await legend.locator('[data-field=close]').textContent()))
    .toBe(Number(last.close));
  expect(await legend.locator('[data-field=volume]').textContent()).toBe(last.volume);
  await page.screenshot({ path: 'test-results/screenshots/live-chart.png' });

  // Reload: stored history appears at once, before any new trade.
  await page.reload();
  await expect(legend.locator('[data-field=trades]')).toHaveText(String(last.trades));
  await expectStoredEqualsReference(page, mock.tape.emitted);
});

test('reloading mid-stream loses no closed bar and duplicates none (gap backfilled over REST)', async ({ page }) => {
  await openConfirmedLink(page, `/?feed=live&${mock.appQuery()}`);
  await expect(page.getByTestId('connection-binance-spot')).toHaveAttribute('data-state', 'live');
  mock.tape.play(binanceTape(9, 10), { tradesPerSec: 150 });
  await page.waitForTimeout(4_000);
  await page.reload();
  await page.waitForTimeout(3_000);
  await page.reload();
  await mock.tape.done();
  await expectStoredEqualsReference(page, mock.tape.emitted);
  const gaps = await page.getByTestId('gaps').textContent();
  const [found, filled, unfillable] = (gaps ?? '').split('/').map((s) => Number(s.trim()));
  expect(found).toBeGreaterThan(0);
  expect(filled).toBe(found);
  expect(unfillable).toBe(0);
});

test('malformed frames are counted by reason and never corrupt a candle', async ({ page }) => {
  const now = Date.now();
  mock.faults.garbage = [
    'not json at all',
    '{"stream":"btcusdt@trade","data":{"e":"trade","E":1,"s":"BTCUSDT","t":999999999,"p":"-5","q":"1","T":1,"m":true}}',
    `{"stream":"btcusdt@trade","data":{"e":"trade","E":1,"s":"BTCUSDT","t":999999998,"p":"NaN","q":"1","T":${now},"m":true}}`,
    `{"stream":"btcusdt@trade","data":{"e":"trade","E":1,"s":"BTCUSDT","t":999999997,"p":"1","q":"0","T":${now},"m":true}}`,
    '{"stream":"btcusdt@depth","data":{"e":"depthUpdate","E":1}}',
    '[1,2,3]',
  ];
  await openConfirmedLink(page, `/?feed=live&${mock.appQuery()}`);
  await expect(page.getByTestId('connection-binance-spot')).toHaveAttribute('data-state', 'live');
  mock.tape.play(binanceTape(13, 3), { tradesPerSec: 200 });
  await mock.tape.done();
  await expectStoredEqualsReference(page, mock.tape.emitted);
  const rejects = page.getByTestId('rejects');
  await expect(rejects.locator('[data-reason=not-json]')).not.toHaveText('0');
  for (const reason of ['bad-price', 'bad-size', 'unknown-type', 'malformed']) {
    await expect(rejects.locator(`[data-reason=${reason}]`)).toBeVisible();
  }
});

test('with the exchange unreachable the demo feed runs and says so', async ({ page }) => {
  // Port 9 (discard) refuses connections: the venue is unreachable.
  await openConfirmedLink(page, '/?feed=auto&binance-ws=ws://127.0.0.1:9&binance-rest=http://127.0.0.1:9');
  await expect(page.getByTestId('demo-banner')).toHaveText(/^Demo data — exchanges unreachable/, { timeout: 15_000 });
  await expect(page.getByTestId('source')).toHaveAttribute('data-source', 'demo');
  await expect(page.getByTestId('legend').locator('[data-field=close]')).toHaveText(/^\d+\.\d+$/);
  // Demo history is written in chunks after the first candles show.
  await expect
    .poll(async () => (await readCandles(page, 'demo', 'BTCUSDT')).length, { timeout: 60_000 })
    .toBeGreaterThan(100);
  await page.screenshot({ path: 'test-results/screenshots/demo.png' });
});
