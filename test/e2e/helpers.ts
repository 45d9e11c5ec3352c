import AxeBuilder from '@axe-core/playwright';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { DemoMarket } from '../../src/core/demo/demo-market';
import type { Trade } from '../../src/core/exchange/types';
import { naiveCandles, type RefCandle } from '../reference/naive-candles';
import type { EmittedTrade } from '../mock-exchange/tape';

export interface PageCandle extends RefCandle {
  venue: string;
  symbol: string;
  timeframe: string;
  closed: boolean;
}

/** A key range of one store of the app's IndexedDB, by primary key or by `index`. */
export interface RowQuery {
  readonly index?: string;
  readonly lower: readonly (string | number)[];
  readonly upper: readonly (string | number)[];
}

/** Rows straight from the app's IndexedDB, read in the page (numbers, not pixels). */
export async function readRows<T>(page: Page, store: string, query?: RowQuery): Promise<T[]> {
  return page.evaluate(
    ([store, query]) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('tapewatch');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const source = db.transaction(store).objectStore(store);
          const range = query === null ? undefined : IDBKeyRange.bound(query.lower, query.upper);
          const req = (query?.index === undefined ? source : source.index(query.index)).getAll(range);
          req.onsuccess = () => {
            db.close();
            resolve(req.result as T[]);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    [store, query ?? null] as const,
  );
}

/** One series' bars from the app's IndexedDB. */
export async function readCandles(page: Page, venue: string, symbol: string, timeframe = '1m'): Promise<PageCandle[]> {
  return readRows<PageCandle>(page, 'candles', {
    lower: [venue, symbol, timeframe, -Infinity],
    upper: [venue, symbol, timeframe, Infinity],
  });
}

/** A tape of `minutes` of simulated Binance spot trades for BTCUSDT and ETHUSDT. */
export function binanceTape(seed: number, minutes: number): Trade[] {
  const start = Date.UTC(2024, 0, 1);
  const { trades } = new DemoMarket(seed, start).advance(start + minutes * 60_000, 'binance-spot');
  return trades.filter((t) => t.symbol === 'BTCUSDT' || t.symbol === 'ETHUSDT');
}

export function referenceCandles(emitted: readonly EmittedTrade[], symbol: string): RefCandle[] {
  return naiveCandles(
    emitted.filter((t) => t.symbol === symbol),
    60_000,
  );
}

const canon = (s: string) => s.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

/** The fields the reference computes, with prices in canonical text. */
export function comparable(c: RefCandle): RefCandle {
  return {
    openTimeMs: c.openTimeMs,
    open: canon(c.open),
    high: canon(c.high),
    low: canon(c.low),
    close: canon(c.close),
    volume: c.volume,
    quoteVolume: c.quoteVolume,
    buyVolume: c.buyVolume,
    sellVolume: c.sellVolume,
    trades: c.trades,
  };
}

export async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

/** Polls IndexedDB until the stored 1m bars equal the reference built from the mock's log. */
export async function expectStoredEqualsReference(
  page: Page,
  emitted: readonly EmittedTrade[],
  symbols: readonly string[] = ['BTCUSDT', 'ETHUSDT'],
): Promise<void> {
  for (const symbol of symbols) {
    const expected = referenceCandles(emitted, symbol).map(comparable);
    expect(expected.length).toBeGreaterThan(3);
    await expect
      .poll(async () => (await readCandles(page, 'binance-spot', symbol)).map(comparable), { timeout: 20_000 })
      .toEqual(expected);
  }
}

/**
 * Query parameters pointing each venue at the mock (`endpoint.<venue>.ws` = its websocket root,
 * `endpoint.<venue>.rest` = its REST root), as a user would point them at a proxy.
 */
export function mockEndpoints(
  bases: Readonly<Record<string, { readonly ws: string; readonly rest: string }>>,
  venues: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const venue of venues) {
    const b = bases[venue];
    if (b === undefined) throw new Error(`no mock bases for ${venue}`);
    out[`endpoint.${venue}.ws`] = b.ws;
    out[`endpoint.${venue}.rest`] = b.rest;
  }
  return out;
}

/**
 * Reference 1m bars of one venue's instrument from the mock's executed log. `sideless` venues
 * (Finnhub) say nothing of the taker side, so their trades count in volume only.
 */
export function venueReferenceCandles(
  emitted: readonly EmittedTrade[],
  venue: string,
  symbol: string,
  options: { sideless?: boolean } = {},
): RefCandle[] {
  return naiveCandles(
    emitted
      .filter((t) => t.venue === venue && t.symbol === symbol)
      .map((t) => (options.sideless === true ? { ...t, side: 'unknown' as const } : t)),
    60_000,
  );
}

/** Polls IndexedDB until one venue's stored 1m bars equal the reference from the mock's log. */
export async function expectVenueStoredEqualsReference(
  page: Page,
  emitted: readonly EmittedTrade[],
  venue: string,
  symbol: string,
  options: { sideless?: boolean; minBars?: number } = {},
): Promise<RefCandle[]> {
  const expected = venueReferenceCandles(emitted, venue, symbol, options).map(comparable);
  expect(expected.length).toBeGreaterThanOrEqual(options.minBars ?? 3);
  await expect
    .poll(async () => (await readCandles(page, venue, symbol)).map(comparable), { timeout: 20_000 })
    .toEqual(expected);
  return expected;
}

/**
 * Opens a link that points venues at other servers (the mock) and accepts the app's confirmation,
 * as a user trusting the link would; the app then reloads without the query, under a policy that
 * admits the confirmed hosts. `sendToken` also ticks the separate Finnhub token opt-in.
 */
export async function openConfirmedLink(page: Page, url: string, options: { sendToken?: boolean } = {}): Promise<void> {
  await page.goto(url);
  const dialog = page.getByTestId('endpoint-confirm');
  await expect(dialog).toBeVisible();
  if (options.sendToken === true) await dialog.getByTestId('send-token').check();
  await Promise.all([
    page.waitForURL((u) => u.search === '', { waitUntil: 'load' }),
    dialog.getByTestId('endpoint-accept').click(),
  ]);
}

/** axe's serious and critical findings on the page (or the part `include` selects), with why. */
export async function axeFindings(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const result = await (include === undefined ? builder : builder.include(include)).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')} — ${v.nodes[0]?.failureSummary ?? ''}`);
}

/**
 * Makes `navigator.onLine` read false in a page opened after `context.setOffline(true)`. With
 * Playwright 1.65 and Chromium 150, a document loaded under offline emulation has its requests
 * refused yet reads `navigator.onLine` true (Chromium 156 reads false); setting the state again
 * reaches the new document and fires its `offline` event, as a real outage would.
 */
export async function letPageSeeOffline(context: BrowserContext, page: Page): Promise<void> {
  if (!(await page.evaluate(() => navigator.onLine))) return;
  await context.setOffline(false);
  await context.setOffline(true);
  await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
}
