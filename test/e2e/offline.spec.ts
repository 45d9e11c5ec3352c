import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';
import { mkdirSync } from 'node:fs';
import { MockExchange } from '../mock-exchange/server';
import { binanceTape, letPageSeeOffline, openConfirmedLink, readCandles } from './helpers';

const SHOTS = 'test-results/screenshots/offline';
const MINUTE = 60_000;
const DAY = 86_400_000;
/** Three weeks of stored 1m bars (and their 1h roll-up) before the live session, as a past feed left them. */
const SEEDED_DAYS = 21;

/** Writes synthetic history straight into the app's IndexedDB: a steady random walk, plus one unfillable gap. */
async function seedHistory(
  page: Page,
  endMs: number,
  anomalyAtMs: number,
): Promise<{ minutes: number; gapAtMs: number; anomalyAtMs: number }> {
  return page.evaluate(
    ([endMs, days, anomalyAtMs]) =>
      new Promise<{ minutes: number; gapAtMs: number; anomalyAtMs: number }>((resolve, reject) => {
        const open = indexedDB.open('tapewatch');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['candles', 'gaps', 'anomalyScores', 'regimes', 'forecasts'], 'readwrite');
          const candles = tx.objectStore('candles');
          const minutes = days * 1440;
          const start = endMs - minutes * 60_000;
          let price = 40_000;
          let hour: Record<string, unknown> | null = null;
          const bar = (timeframe: string, t: number, o: number, h: number, l: number, c: number) => ({
            venue: 'binance-spot',
            symbol: 'BTCUSDT',
            timeframe,
            openTimeMs: t,
            open: o.toFixed(2),
            high: h.toFixed(2),
            low: l.toFixed(2),
            close: c.toFixed(2),
            volume: '1.5',
            quoteVolume: (1.5 * c).toFixed(2),
            buyVolume: '1',
            sellVolume: '0.5',
            trades: 3,
            vwap: c,
            closed: true,
          });
          for (let i = 0; i < minutes; i++) {
            const t = start + i * 60_000;
            const o = price;
            price = Math.max(1_000, price + Math.sin(i / 97) * 12 + ((i * 7919) % 13) - 6);
            const c = price;
            candles.put(bar('1m', t, o, Math.max(o, c) + 3, Math.min(o, c) - 3, c));
            // A past session's one-bar-ahead forecasts of the hour before the anomaly (and, before
            // that, ten bars forecast only two bars ahead, which the chart's track leaves out).
            const ahead = (anomalyAtMs - t) / 60_000;
            if (ahead >= 1 && ahead <= 70)
              tx.objectStore('forecasts').put({
                venue: 'binance-spot',
                symbol: 'BTCUSDT',
                timeframe: '1m',
                targetTimeMs: t,
                model: 'persistence',
                horizon: ahead <= 60 ? 1 : 2,
                version: 'forecast-1',
                originTimeMs: t - (ahead <= 60 ? 1 : 2) * 60_000,
                close: o,
                high: o + 4,
                low: o - 4,
                lo80: o - 8,
                hi80: o + 8,
                lo95: o - 14,
                hi95: o + 14,
                pUp: 0.5,
                madeAtMs: t,
              });
            if (t % 3_600_000 === 0) {
              if (hour !== null) candles.put(hour);
              hour = bar('1h', t, o, Math.max(o, c) + 3, Math.min(o, c) - 3, c);
            } else if (hour !== null) {
              hour['close'] = c.toFixed(2);
              hour['high'] = Math.max(Number(hour['high']), c + 3).toFixed(2);
              hour['low'] = Math.min(Number(hour['low']), c - 3).toFixed(2);
            }
          }
          if (hour !== null) candles.put(hour);
          const gapAtMs = endMs - 8 * 86_400_000;
          tx.objectStore('gaps').add({
            venue: 'binance-spot',
            symbol: 'BTCUSDT',
            fromTimeMs: gapAtMs,
            toTimeMs: gapAtMs + 5 * 60_000,
            fromTradeId: 1,
            toTradeId: 40,
            state: 'unfillable',
            detail: 'seeded outage',
          });
          // A stored anomaly half an hour before the moment review opens at: shown on that range.
          tx.objectStore('anomalyScores').put({
            venue: 'binance-spot',
            symbol: 'BTCUSDT',
            timeframe: '1m',
            openTimeMs: anomalyAtMs,
            model: 'bars-1',
            score: 0.97,
            parts: [{ name: 'range', score: 0.97 }],
            reason: 'log return (range: value above its running range)',
            anomalyAtMs,
            scoredAtMs: anomalyAtMs + 60_000,
          });
          // The regimes a past fit stored for the hour before that anomaly: shaded when reviewed.
          for (let i = 1; i <= 60; i++)
            tx.objectStore('regimes').put({
              venue: 'binance-spot',
              symbol: 'BTCUSDT',
              timeframe: '1m',
              openTimeMs: anomalyAtMs - i * 60_000,
              model: 'regimes-1',
              state: i <= 20 ? 1 : 0,
              probabilities: i <= 20 ? [0.1, 0.9] : [0.95, 0.05],
              names: ['calm', 'volatile'],
              madeAtMs: anomalyAtMs,
            });
          tx.oncomplete = () => {
            db.close();
            resolve({ minutes, gapAtMs, anomalyAtMs });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [endMs, SEEDED_DAYS, anomalyAtMs] as const,
  );
}

const utcInput = (ms: number) => new Date(ms).toISOString().slice(0, 16);

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

test('offline review: notice, library, open a week back, scroll back, timeframe, indicator, gaps; back online: resume and backfill note', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  mkdirSync(SHOTS, { recursive: true });
  const mock = await MockExchange.start();
  try {
    await openConfirmedLink(page, `/?feed=live&${mock.appQuery()}`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect(page.getByTestId('connection-binance-spot')).toHaveAttribute('data-state', 'live');
    mock.tape.play(binanceTape(21, 2), { tradesPerSec: 300 });
    await mock.tape.done();
    await expect.poll(async () => (await readCandles(page, 'binance-spot', 'BTCUSDT')).length).toBeGreaterThan(0);
    const liveStart = (await readCandles(page, 'binance-spot', 'BTCUSDT'))[0]!.openTimeMs;
    // History a past session left, ending an hour before the live bars.
    const weekBack = liveStart - 7 * DAY;
    const seeded = await seedHistory(
      page,
      liveStart - (liveStart % 3_600_000) - 3_600_000,
      weekBack - (weekBack % MINUTE) - 30 * MINUTE,
    );
    await page.close();

    // Offline: the app opens from the service worker and says so.
    await context.setOffline(true);
    const offline = await context.newPage();
    await offline.goto('/');
    await letPageSeeOffline(context, offline);
    await expect(offline.getByTestId('offline-notice')).toContainText(/Offline since/);

    // The library lists what is stored.
    await offline.getByTestId('open-library').click();
    const entry = offline.locator('[data-testid=library-entry][data-key="binance-spot:BTCUSDT"]');
    await expect(entry).toBeVisible();
    await expect(entry.getByTestId('library-bars')).toContainText(/1m \d{2},\d{3}/);
    await expect(entry.getByTestId('library-bars')).toContainText('1h');
    await expect(entry.getByTestId('library-gaps')).toContainText('1 unfillable');
    await offline.screenshot({ path: `${SHOTS}/library-1280.png` });
    expect(await seriousViolations(offline)).toEqual([]);

    // Open it a week back.
    await entry.getByTestId('library-at').fill(utcInput(weekBack));
    await entry.getByTestId('library-open').click();
    await expect(offline.getByTestId('review-bar')).toBeVisible();
    const canvas = offline.locator('.candles .canvas');
    const oldestAtOpen = Number(await canvas.getAttribute('data-oldest-ms'));
    const box0 = (await canvas.boundingBox())!;
    expect(oldestAtOpen).toBeLessThan(weekBack);
    expect(oldestAtOpen).toBeGreaterThan(weekBack - 5_000 * MINUTE);
    const held = Number(await canvas.getAttribute('data-held-bars'));
    expect(held).toBeLessThanOrEqual(5_000);
    // The stored gap eight days back is within reach and drawn.
    await expect(canvas).toHaveAttribute('data-gap-markers', '1');
    // The stored anomaly of the reviewed range is marked (not only the newest bars' scores).
    await expect(offline.locator(`[data-testid=anomaly-marker][data-time-ms="${seeded.anomalyAtMs}"]`)).toBeVisible();
    // So are the regimes a past fit stored for that range (60 bars, the fit long gone): its bars are shaded.
    const shaded = offline.locator('[data-regime-shaded]');
    await expect.poll(async () => Number(await shaded.getAttribute('data-regime-shaded'))).toBeGreaterThanOrEqual(50);
    // And the intervals a past session's forecasts gave those bars: one-bar-ahead only.
    const track = offline.locator('[data-forecast-track]');
    await expect(track).toHaveAttribute('data-forecast-track', '60');
    const marker = (await offline.locator('[data-testid=anomaly-marker]').first().boundingBox())!;
    await offline.mouse.move(marker.x - 30, marker.y + 40);
    await expect(offline.locator('[data-testid=indicator-legend][data-instance=forecast-track]')).toHaveText(
      /Forecast for this bar \(persistence, one bar ahead\).*(inside|outside) 80 %/,
    );
    // A model's legend has no alert bell (alerts are made on indicators, prices and pairs).
    await expect(offline.locator('[data-instance=forecast-track] button')).toHaveCount(0);
    await offline.screenshot({ path: `${SHOTS}/review-week-back-1280.png` });
    await offline.mouse.move(box0.x + box0.width / 2, box0.y - 40);

    // An indicator on the reviewed range, computed in the worker from the stored bars.
    await offline.getByRole('button', { name: /^Indicators/ }).click();
    const dialog = offline.getByTestId('indicators-dialog');
    await dialog.getByTestId('indicator-search').fill('sma');
    await dialog.locator('[data-indicator=sma] button').click();
    await offline.keyboard.press('Escape');
    const sma = offline.getByTestId('indicator-legend').filter({ hasText: 'SMA' }).locator('[data-output]').first();
    await expect(sma).not.toHaveAttribute('data-value', '');

    // Scroll back: dragging the chart to the right reads older pages from IndexedDB as it nears the oldest bar held.
    const box = (await canvas.boundingBox())!;
    const drag = async () => {
      await offline.mouse.move(box.x + 60, box.y + box.height / 3);
      await offline.mouse.down();
      await offline.mouse.move(box.x + box.width - 60, box.y + box.height / 3, { steps: 5 });
      await offline.mouse.up();
    };
    const oldest = async () => Number(await canvas.getAttribute('data-oldest-ms'));
    // Two pages (2,000 bars each) loaded as we go, not all at once.
    for (let i = 0; i < 120 && (await oldest()) > oldestAtOpen - 3_000 * MINUTE; i++) await drag();
    expect(await oldest()).toBeLessThan(oldestAtOpen - 3_000 * MINUTE);
    const heldAfter = Number(await canvas.getAttribute('data-held-bars'));
    expect(heldAfter).toBeGreaterThan(held);
    expect(heldAfter).toBeLessThanOrEqual(10_000);
    await offline.screenshot({ path: `${SHOTS}/review-scrolled-1280.png` });

    // Another timeframe of the same moment (the pointer leaves the chart: the legend shows the newest bar).
    await offline.mouse.move(box.x + box.width / 2, box.y - 40, { steps: 5 });
    await offline.locator('[data-timeframe="1h"]').click();
    await expect(offline.getByTestId('review-bar')).toBeVisible();
    // Every stored hour at most: the seeded days' bars plus the live tape's hour (two if it crossed one).
    const storedHours = (await readCandles(offline, 'binance-spot', 'BTCUSDT', '1h')).length;
    expect(storedHours).toBeGreaterThan(SEEDED_DAYS * 24);
    expect(storedHours).toBeLessThanOrEqual(SEEDED_DAYS * 24 + 2);
    await expect.poll(async () => Number(await canvas.getAttribute('data-held-bars'))).toBeLessThanOrEqual(storedHours);
    await expect(sma).not.toHaveAttribute('data-value', '');
    await offline.setViewportSize({ width: 375, height: 812 });
    await offline.screenshot({ path: `${SHOTS}/review-1h-375.png` });
    await offline.setViewportSize({ width: 1280, height: 800 });

    // Back online: the feed resumes and the note says what was filled.
    mock.tape.play(binanceTape(22, 1), { tradesPerSec: 300, keepTimeline: true });
    await mock.tape.done();
    await context.setOffline(false);
    await offline.getByTestId('back-to-live').click();
    await expect(offline.getByTestId('offline-notice')).toHaveCount(0);
    await expect(offline.getByTestId('backfill-note')).toContainText('Back online');
    await expect(offline.getByTestId('connection-binance-spot')).toHaveAttribute('data-state', 'live');
    // What the reconnect filled is read from the stored gaps once a connection is live again.
    await expect(offline.getByTestId('backfill-note')).toContainText(
      /live data resumed\. (Nothing was missing|binance-spot)/,
    );
    await offline.screenshot({ path: `${SHOTS}/back-online-1280.png` });
    expect(seeded.minutes).toBe(SEEDED_DAYS * 1440);
  } finally {
    await context.setOffline(false);
    await mock.stop();
  }
});
