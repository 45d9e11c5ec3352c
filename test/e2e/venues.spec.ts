import { expect, test, type Page } from './fixtures';
import { LIVE_VENUES, type LiveVenueId } from '../../src/core/exchange/registry';
import { MockExchange } from '../mock-exchange/server';
import { demoTape } from '../mock-exchange/tape';
import { expectVenueStoredEqualsReference, mockEndpoints, openConfirmedLink } from './helpers';

/** One keyless venue: the instrument to watch and the connection ids the health panel shows. */
interface VenueCase {
  readonly venue: LiveVenueId;
  readonly symbol: string;
  readonly connections: readonly string[];
}

const KEYLESS: readonly VenueCase[] = [
  { venue: 'binance-spot', symbol: 'BTCUSDT', connections: ['binance-spot'] },
  { venue: 'binance-usdm', symbol: 'BTCUSDT', connections: ['binance-usdm-market', 'binance-usdm-public'] },
  { venue: 'coinbase', symbol: 'BTC-USD', connections: ['coinbase'] },
  { venue: 'kraken', symbol: 'BTC/USD', connections: ['kraken'] },
  { venue: 'bybit-spot', symbol: 'BTCUSDT', connections: ['bybit-spot'] },
  { venue: 'bybit-linear', symbol: 'BTCUSDT', connections: ['bybit-linear'] },
  { venue: 'okx', symbol: 'BTC-USDT', connections: ['okx'] },
  { venue: 'bitstamp', symbol: 'BTCUSD', connections: ['bitstamp'] },
];

/** Minutes of simulated market per venue tape: enough for several closed 1m bars. */
const TAPE_MS = 4 * 60_000;
const RATE = 300;

let mock: MockExchange;

test.beforeEach(async () => {
  mock = await MockExchange.start();
});

test.afterEach(async () => {
  await mock.stop();
});

function appUrl(instruments: readonly string[], venues: readonly LiveVenueId[], mode = 'live'): string {
  const query = new URLSearchParams({
    feed: mode,
    instruments: instruments.join(','),
    ...mockEndpoints(mock.baseUrls(), venues),
  });
  return `/?${query.toString()}`;
}

async function expectLegendEquals(page: Page, close: string, trades: number): Promise<void> {
  const legend = page.getByTestId('legend');
  await expect.poll(async () => Number(await legend.locator('[data-field=close]').textContent())).toBe(Number(close));
  await expect(legend.locator('[data-field=trades]')).toHaveText(String(trades));
}

for (const c of KEYLESS) {
  test(`${c.venue}: live candles equal the reference and the connection is live`, async ({ page }) => {
    await openConfirmedLink(page, appUrl([`${c.venue}:${c.symbol}`], [c.venue]));
    for (const id of c.connections) {
      await expect(page.getByTestId(`connection-${id}`)).toHaveAttribute('data-state', 'live');
    }
    mock.tape.play(demoTape(c.venue, 17, TAPE_MS, ['BTCUSDT']), { tradesPerSec: RATE });
    await mock.tape.done();
    const expected = await expectVenueStoredEqualsReference(page, mock.tape.emitted, c.venue, c.symbol);
    // The chart follows the instrument: its legend shows the newest reference bar.
    const last = expected.at(-1)!;
    await expectLegendEquals(page, last.close, last.trades);
    await expect(page.getByTestId('source')).toHaveAttribute('data-source', 'live');
    for (const id of c.connections) {
      await expect(page.getByTestId(`connection-${id}`)).toHaveAttribute('data-state', 'live');
    }
    await expect(page.getByTestId('gaps')).toHaveText('0 / 0 / 0');
  });
}

test('finnhub: no token and a bad token are rejected, the right token goes live', async ({ page }) => {
  const instrument = 'finnhub:BINANCE:BTCUSDT';
  await openConfirmedLink(page, appUrl([instrument], ['finnhub']));
  const conn = page.getByTestId('connection-finnhub');
  await expect(conn).toHaveAttribute('data-state', 'rejected');
  await expect(conn.getByTestId('connection-label')).toContainText('needs an API token');

  const setToken = async (token: string) => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.locator('input[name=finnhub-token]').fill(token);
    // The mock is not Finnhub's own host: the token goes there only with the explicit opt-in.
    await page.getByTestId('finnhub-token-to-proxy').check();
    await page.getByRole('button', { name: 'Save and reconnect' }).click();
  };
  // A refused key fails the handshake (HTTP 401): after three in a row the feed stops and says why.
  await setToken('wrong-token');
  await expect(conn.getByTestId('connection-label')).toContainText('check the API token', { timeout: 20_000 });
  await expect(conn).toHaveAttribute('data-state', 'rejected');
  const attempts = mock.venue('finnhub').connectionsOpened;
  await page.waitForTimeout(3_000);
  expect(mock.venue('finnhub').connectionsOpened).toBe(attempts);
  // The token is never shown, not even masked in full.
  await expect(page.locator('body')).not.toContainText('wrong-token');
  await page.getByTestId('feed-health').screenshot({ path: 'test-results/screenshots/venues-finnhub-rejected.png' });

  await setToken(mock.venue('finnhub').token);
  await expect(conn).toHaveAttribute('data-state', 'live');
  await expect(page.locator('body')).not.toContainText(mock.venue('finnhub').token);
  mock.tape.play(demoTape('finnhub', 23, TAPE_MS, ['BTCUSDT']), { tradesPerSec: RATE });
  await mock.tape.done();
  // Finnhub sends no taker side: the bars carry volume but no buy/sell split.
  const expected = await expectVenueStoredEqualsReference(page, mock.tape.emitted, 'finnhub', 'BINANCE:BTCUSDT', {
    sideless: true,
  });
  const last = expected.at(-1)!;
  await expectLegendEquals(page, last.close, last.trades);
});

test('several venues at once: one region-blocked (REST 451), the rest live; picker adds an instrument', async ({
  page,
}) => {
  mock.venue('okx').faults.restStatus = 451;
  const watch = ['binance-spot:BTCUSDT', 'coinbase:BTC-USD', 'kraken:BTC/USD', 'binance-usdm:ETHUSDT', 'okx:BTC-USDT'];
  await openConfirmedLink(page, appUrl(watch, LIVE_VENUES));
  await expect(page.getByTestId('connection-okx')).toHaveAttribute('data-state', 'region-blocked');
  await expect(page.getByTestId('connection-okx').getByTestId('connection-label')).toContainText('HTTP 451');
  for (const id of ['binance-spot', 'coinbase', 'kraken', 'binance-usdm-market', 'binance-usdm-public']) {
    await expect(page.getByTestId(`connection-${id}`)).toHaveAttribute('data-state', 'live');
  }
  const tape = [
    ...demoTape('binance-spot', 3, 3 * 60_000, ['BTCUSDT']),
    ...demoTape('coinbase', 3, 3 * 60_000, ['BTCUSDT']),
    ...demoTape('kraken', 3, 3 * 60_000, ['BTCUSDT']),
    ...demoTape('binance-usdm', 3, 3 * 60_000, ['ETHUSDT']),
  ].sort((a, b) => a.timeMs - b.timeMs);
  mock.tape.play(tape, { tradesPerSec: 600 });
  await mock.tape.done();
  await expectVenueStoredEqualsReference(page, mock.tape.emitted, 'coinbase', 'BTC-USD');
  await expectVenueStoredEqualsReference(page, mock.tape.emitted, 'kraken', 'BTC/USD');
  await expectVenueStoredEqualsReference(page, mock.tape.emitted, 'binance-usdm', 'ETHUSDT');
  await expect(page.getByTestId('connection-okx')).toHaveAttribute('data-state', 'region-blocked');
  // The symbol switcher lists the watch list across venues; the chart follows the selection.
  await page.locator('[data-instrument="kraken:BTC/USD"][role=tab]').click();
  await expect(page.getByTestId('legend')).toContainText('BTC/USD · Kraken');
  const toast = page.getByRole('button', { name: 'OK', exact: true });
  if (await toast.isVisible()) await toast.click();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: 'test-results/screenshots/venues-app.png' });
  // The header says when the selected venue is down.
  await page.locator('[data-instrument="okx:BTC-USDT"][role=tab]').click();
  await expect(page.getByTestId('source')).toContainText('UNAVAILABLE OKX');
  await page.getByTestId('feed-health').screenshot({ path: 'test-results/screenshots/venues-health.png' });

  // The picker searches every venue's listing (served by the mock; OKX's answers 451 → shipped list).
  await page.getByTestId('open-picker').click();
  const picker = page.getByTestId('instrument-picker');
  await page.getByTestId('instrument-search').fill('btc');
  await expect(picker.locator('[data-testid=catalogue-loading]')).toHaveCount(0, { timeout: 20_000 });
  const results = picker.getByTestId('instrument-result');
  await expect(results.first()).toHaveAttribute('data-instrument', 'binance-spot:BTCUSDT');
  for (const key of ['coinbase:BTC-USD', 'kraken:BTC/USD', 'okx:BTC-USDT', 'bitstamp:BTCUSD', 'bybit-spot:BTCUSDT']) {
    await expect(picker.locator(`[data-testid=instrument-result][data-instrument="${key}"]`)).toBeVisible();
  }
  // Every venue on its shipped list is named in one summary line, not a notice each.
  const notice = picker.getByTestId('catalogue-notice');
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText('Shipped list — venue listing unavailable');
  await expect(notice).toHaveAttribute('data-venues', /\bokx\b/);
  await expect(notice).toHaveAttribute('data-venues', /\bbybit-spot\b/);
  await picker.screenshot({ path: 'test-results/screenshots/instrument-picker.png' });
  await picker.locator('[data-testid=instrument-result][data-instrument="bitstamp:BTCUSD"] button').click();
  await expect(picker.locator('[data-testid=watch-item][data-instrument="bitstamp:BTCUSD"]')).toBeVisible();
  await page.getByTestId('picker-done').click();
  await expect(page.getByTestId('connection-bitstamp')).toHaveAttribute('data-state', 'live');
  await expect(page.locator('[data-instrument="bitstamp:BTCUSD"][role=tab]')).toBeVisible();
});
