import { describe, expect, it } from 'vitest';
import { CandleAggregator } from '../candles/aggregator';
import type { Quote, Trade } from '../exchange/types';
import { VENUE_PROFILES } from '../exchange/registry';
import { gapRulesFrom, IngestPipeline } from './ingest-pipeline';

const NOW = Date.UTC(2026, 6, 1);

function pipeline() {
  const stored = { trades: [] as Trade[], quotes: [] as Quote[] };
  const p = new IngestPipeline(
    new CandleAggregator({ timeframes: ['1m'], latenessMs: 15 * 60_000 }),
    gapRulesFrom(VENUE_PROFILES),
    {
      onGap: () => undefined,
      onGapLost: () => undefined,
      onControl: () => undefined,
      onTrade: (t) => stored.trades.push(t),
      onQuote: (q) => stored.quotes.push(q),
    },
    () => NOW,
  );
  return { p, stored };
}

const quote = (over: Partial<Record<keyof Quote, unknown>>): Quote =>
  ({
    venue: 'binance-spot',
    symbol: 'BTCUSDT',
    timeMs: NOW - 1_000,
    bid: '100',
    bidSize: '1',
    ask: '101',
    askSize: '1',
    ...over,
  }) as Quote;
const trade = (over: Partial<Record<keyof Trade, unknown>>): Trade =>
  ({
    venue: 'binance-spot',
    symbol: 'BTCUSDT',
    id: 1,
    timeMs: NOW - 1_000,
    price: '100',
    size: '1',
    side: 'buy',
    ...over,
  }) as Trade;

describe('IngestPipeline validation', () => {
  it('stores and shows only valid quotes; the rest are counted by reason', () => {
    const { p, stored } = pipeline();
    p.quote(quote({ bid: '0x10' }));
    p.quote(quote({ ask: '１２' }));
    p.quote(quote({ timeMs: null }));
    p.quote(quote({ timeMs: NaN }));
    p.quote(quote({ timeMs: 0 }));
    p.quote(quote({ symbol: 'S'.repeat(100) }));
    p.quote(quote({ bid: '102' }));
    p.quote(quote({ bid: '-1' }));
    expect(stored.quotes).toEqual([]);
    expect(p.latestQuotes.size).toBe(0);
    expect(p.quotes).toBe(0);
    expect(p.rejects.counts).toEqual({ 'bad-price': 3, 'bad-time': 3, 'bad-symbol': 1, 'crossed-quote': 1 });
    p.quote(quote({}));
    expect(stored.quotes).toHaveLength(1);
    expect(p.latestQuotes.get('binance-spot:BTCUSDT')).toEqual(quote({}));
  });

  it('refuses trades whose id would skip dedup, and bad symbols', () => {
    const { p, stored } = pipeline();
    for (const id of [0.1, 0.1, -1, -1e308, Infinity, 2 ** 64]) p.trade(trade({ id }));
    for (const symbol of ['', '__proto__', 'X'.repeat(41)]) p.trade(trade({ symbol }));
    expect(stored.trades).toEqual([]);
    expect(p.rejects.counts).toEqual({ 'bad-id': 6, 'bad-symbol': 3 });
    p.trade(trade({}));
    p.trade(trade({}));
    expect(stored.trades).toHaveLength(1);
    expect(p.rejects.counts.duplicate).toBe(1);
  });
});
