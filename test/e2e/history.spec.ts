import { expect, test, type Page } from './fixtures';
import { DemoMarket } from '../../src/core/demo/demo-market';
import { naiveCandles } from '../reference/naive-candles';
import { comparable, readCandles } from './helpers';

const start = Date.UTC(2024, 2, 1);
const trades = new DemoMarket(17, start).advance(start + 30 * 60_000).trades.filter((t) => t.symbol === 'ETHUSDT');
/** Binance's public-data layout, µs times as published since 2025. */
const binanceCsv = trades
  .map((t) => `${t.id},${t.price},${t.size},0,${t.timeMs * 1000},${t.side === 'sell' ? 'True' : 'False'},True`)
  .join('\n');

async function countAll(page: Page): Promise<Record<string, number>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const open = indexedDB.open('tapewatch');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names);
          const out: Record<string, number> = {};
          for (const name of names) {
            const req = tx.objectStore(name).count();
            req.onsuccess = () => (out[name] = req.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
        };
      }),
  );
}

async function openImport(page: Page, name: string, text: string) {
  await page.getByRole('button', { name: 'History' }).click();
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await expect(page.getByTestId('import-preview')).toBeVisible();
}

test('a corrupt file imports nothing and names the bad line; a good one lands on every timeframe', async ({ page }) => {
  await page.goto('/?feed=demo');
  await expect(page.getByTestId('source')).toHaveAttribute('data-source', 'demo');
  await page.waitForTimeout(1_500);
  const before = await countAll(page);

  const lines = binanceCsv.split('\n');
  lines[99] = `${trades[99]!.id},12.5.1,0.1,0,${trades[99]!.timeMs * 1000},True,True`;
  await openImport(page, 'ETHUSDT-trades-2024-03-01.csv', lines.join('\n'));
  await expect(page.getByTestId('import-format')).toHaveValue('binance-trades');
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-error')).toContainText('line 100: bad price "12.5.1"');
  // Nothing was written by the import: only what the live demo feed wrote meanwhile changed.
  const after = await countAll(page);
  expect(after['imports']).toBe(before['imports']);
  expect(await readCandles(page, 'binance-spot', 'ETHUSDT')).toEqual([]);

  await page.getByTestId('import-file').setInputFiles({
    name: 'ETHUSDT-trades-2024-03-01.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(binanceCsv),
  });
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-result')).toContainText(
    `Imported ${trades.length.toLocaleString('en-US')} rows`,
  );
  const stored = (await readCandles(page, 'binance-spot', 'ETHUSDT')).map(comparable);
  expect(stored).toEqual(naiveCandles(trades, 60_000).map(comparable));
  expect((await readCandles(page, 'binance-spot', 'ETHUSDT', '1h')).length).toBe(1);
  await page.screenshot({ path: 'test-results/screenshots/import.png' });
});

test('skip bad rows works on Binance files, and repeated trades count once', async ({ page }) => {
  await page.goto('/?feed=demo');
  await expect(page.getByTestId('source')).toHaveAttribute('data-source', 'demo');
  const lines = binanceCsv.split('\n');
  lines[99] = `${trades[99]!.id},12.5.1,0.1,0,${trades[99]!.timeMs * 1000},True,True`;
  // The first 50 trades twice: the second copy is dropped by id.
  const text = [...lines, ...lines.slice(0, 50)].join('\n');
  await openImport(page, 'ETHUSDT-trades-2024-03-02.csv', text);
  await page.getByLabel('Skip bad rows (and count them)').check();
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-result')).toContainText(
    `Imported ${(trades.length - 1).toLocaleString('en-US')} rows (binance-trades), skipped 1 bad rows, dropped 50 duplicate trades`,
  );
  const stored = (await readCandles(page, 'binance-spot', 'ETHUSDT')).map(comparable);
  const kept = trades.filter((_, i) => i !== 99);
  expect(stored).toEqual(naiveCandles(kept, 60_000).map(comparable));
});
