import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Candle } from '../core/candles/candle';
import { TapewatchDb } from './db';
import { exportRange, type ExportRequest } from './export';

const T0 = Date.UTC(2026, 5, 1);

async function text(db: TapewatchDb, req: ExportRequest): Promise<string> {
  let out = '';
  for await (const chunk of exportRange(db, req)) out += chunk;
  return out;
}

describe('exportRange', () => {
  it('writes one NDJSON object a line: bars without their derived fields, trades typed', async () => {
    const db = new TapewatchDb(`export-${Math.random()}`);
    const bar: Candle = {
      venue: 'kraken',
      symbol: 'BTC/USD',
      timeframe: '1m',
      openTimeMs: T0,
      open: '100.5',
      high: '101',
      low: '100',
      close: '100.75',
      volume: '2',
      quoteVolume: '201.25',
      buyVolume: '1.5',
      sellVolume: '0.5',
      trades: 3,
      vwap: 100.625,
      firstTradeId: 7,
      lastTradeId: 9,
      closed: true,
    };
    await db.candles.put(bar);
    await db.trades.add({
      venue: 'kraken',
      symbol: 'BTC/USD',
      id: 7,
      timeMs: T0 + 5,
      price: '100.5',
      size: '1',
      side: 'buy',
    });
    const range = { venue: 'kraken', symbol: 'BTC/USD', fromMs: T0, toMs: T0 + 60_000, format: 'ndjson' } as const;
    expect(await text(db, { ...range, what: '1m' })).toBe(
      '{"venue":"kraken","symbol":"BTC/USD","timeframe":"1m","openTimeMs":' +
        `${T0},"open":"100.5","high":"101","low":"100","close":"100.75","volume":"2","quoteVolume":"201.25",` +
        '"buyVolume":"1.5","sellVolume":"0.5","trades":3}\n',
    );
    expect(await text(db, { ...range, what: 'trades' })).toBe(
      `{"type":"trade","venue":"kraken","symbol":"BTC/USD","id":7,"timeMs":${T0 + 5},"price":"100.5","size":"1","side":"buy"}\n`,
    );
    db.close();
  });
});
