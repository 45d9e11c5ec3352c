import { describe, expect, it } from 'vitest';
import { naiveCandles, type RefCandle } from '../../../test/reference/naive-candles';
import { DemoMarket } from '../demo/demo-market';
import { mulberry32 } from '../demo/rng';
import type { Trade } from '../exchange/types';
import { validateTrade, type PricedTrade } from '../exchange/validate';
import { CandleAggregator } from './aggregator';
import type { Candle } from './candle';
import { TIMEFRAMES, timeframeMs, type TimeframeId } from './timeframe';

const NOW = Date.UTC(2030, 0, 1);

function priced(t: Trade): PricedTrade {
  const v = validateTrade(t, NOW);
  if (!v.ok) throw new Error(v.detail);
  return v.value;
}

function project(c: Candle): RefCandle {
  return {
    openTimeMs: c.openTimeMs,
    open: c.open,
    high: c.high,
    low: c.low,
    close: c.close,
    volume: c.volume,
    quoteVolume: c.quoteVolume,
    buyVolume: c.buyVolume,
    sellVolume: c.sellVolume,
    trades: c.trades,
  };
}

/** Feeds trades and keeps the last version of every bar, as the store would. */
function run(trades: readonly Trade[], timeframes: readonly TimeframeId[], latenessMs = 3_600_000) {
  const agg = new CandleAggregator({ timeframes, latenessMs });
  const bars = new Map<string, Candle>();
  const keep = (updates: ReturnType<CandleAggregator['drain']>) => {
    for (const u of updates) bars.set(`${u.candle.symbol}|${u.candle.timeframe}|${u.candle.openTimeMs}`, u.candle);
  };
  for (const [i, t] of trades.entries()) {
    agg.add(priced(t));
    if (i % 37 === 0) keep(agg.drain());
  }
  keep(agg.finish());
  return bars;
}

function barsOf(bars: Map<string, Candle>, symbol: string, tf: TimeframeId): RefCandle[] {
  return [...bars.values()]
    .filter((c) => c.symbol === symbol && c.timeframe === tf)
    .sort((a, b) => a.openTimeMs - b.openTimeMs)
    .map(project);
}

describe('CandleAggregator', () => {
  const { trades } = new DemoMarket(7, Date.UTC(2024, 0, 1, 23, 50), undefined).advance(Date.UTC(2024, 0, 2, 0, 20));

  const allBars = run(trades, TIMEFRAMES);

  it.each(TIMEFRAMES)('matches a naive group-by on %s bars', (tf) => {
    const bars = allBars;
    for (const symbol of ['BTCUSDT', 'ETHUSDT']) {
      const mine = barsOf(bars, symbol, tf);
      const ref = naiveCandles(
        trades.filter((t) => t.symbol === symbol),
        timeframeMs(tf),
      );
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.map(normalise)).toEqual(ref.map(normalise));
    }
  });

  it('puts out-of-order and late trades in the bar they belong to', () => {
    const random = mulberry32(3);
    const shuffled = [...trades];
    // Swap neighbours within ~20 s windows: the arrival order a reconnect and backfill produce.
    for (let i = 0; i < shuffled.length - 1; i++) {
      const j = Math.min(shuffled.length - 1, i + Math.floor(random() * 40));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const inOrder = run(trades, ['1s', '1m', '1h']);
    const reordered = run(shuffled, ['1s', '1m', '1h']);
    const asRecord = (bars: Map<string, Candle>) => Object.fromEntries([...bars].map(([k, c]) => [k, project(c)]));
    expect(reordered.size).toBe(inOrder.size);
    expect(asRecord(reordered)).toEqual(asRecord(inOrder));
  });

  it('assigns trades exactly on the boundary and in its last millisecond correctly', () => {
    const t0 = Date.UTC(2024, 4, 1, 0, 0);
    const mk = (id: number, timeMs: number, price: string): Trade => ({
      venue: 'demo',
      symbol: 'X',
      id,
      timeMs,
      price,
      size: '1',
      side: 'buy',
    });
    const tape = [mk(1, t0 - 1, '10'), mk(2, t0, '11'), mk(3, t0 + 59_999, '12'), mk(4, t0 + 60_000, '13')];
    const bars = barsOf(run(tape, ['1m']), 'X', '1m');
    expect(bars.map((b) => [b.openTimeMs, b.open, b.close, b.trades])).toEqual([
      [t0 - 60_000, '10', '10', 1],
      [t0, '11', '12', 2],
      [t0 + 60_000, '13', '13', 1],
    ]);
  });

  it('emits add once when a bar closes, replace while it forms, and corrects a closed bar', () => {
    const agg = new CandleAggregator({ timeframes: ['1m'], latenessMs: 120_000 });
    const t0 = Date.UTC(2024, 4, 1, 0, 0);
    const mk = (id: number, timeMs: number): PricedTrade =>
      priced({ venue: 'demo', symbol: 'X', id, timeMs, price: '100', size: '0.5', side: 'sell' });
    agg.add(mk(1, t0 + 1000));
    expect(agg.drain().map((u) => [u.kind, u.candle.closed])).toEqual([['replace', false]]);
    agg.add(mk(3, t0 + 61_000));
    expect(agg.drain().map((u) => [u.kind, u.candle.openTimeMs - t0, u.candle.closed])).toEqual([
      ['add', 0, true],
      ['replace', 60_000, false],
    ]);
    // A late trade for the closed bar: corrected, pushed as a replace of that (closed) bar.
    expect(agg.add(mk(2, t0 + 59_000))).toBe('ok');
    const [fix] = agg.drain();
    expect([fix?.kind, fix?.candle.closed, fix?.candle.trades, fix?.candle.volume]).toEqual(['replace', true, 2, '1']);
    // Beyond the lateness window the bar is final and a trade for it is refused, touching nothing.
    agg.advanceTo(t0 + 60_000 + 120_000 + 1);
    expect(agg.add(mk(0, t0 + 10))).toBe('too-late');
  });

  it('closes bars on the wall clock when no trade arrives', () => {
    const agg = new CandleAggregator({ timeframes: ['1s', '1m'], latenessMs: 60_000 });
    const t0 = Date.UTC(2024, 4, 1, 0, 0);
    agg.add(priced({ venue: 'demo', symbol: 'X', id: 1, timeMs: t0 + 10, price: '1', size: '1', side: 'buy' }));
    agg.drain();
    agg.advanceTo(t0 + 1_000);
    expect(agg.drain().map((u) => [u.kind, u.candle.timeframe])).toEqual([['add', '1s']]);
    agg.advanceTo(t0 + 60_000);
    expect(agg.drain().map((u) => [u.kind, u.candle.timeframe])).toEqual([['add', '1m']]);
  });

  it('resumes a stored forming bar so totals continue exactly', () => {
    const tape = trades.filter((t) => t.symbol === 'ETHUSDT');
    const cut = Math.floor(tape.length / 2);
    const first = new CandleAggregator({ timeframes: ['1m', '1h'], latenessMs: 0 });
    const stored = new Map<string, Candle>();
    for (const t of tape.slice(0, cut)) first.add(priced(t));
    for (const u of first.drain()) stored.set(`${u.candle.timeframe}|${u.candle.openTimeMs}`, u.candle);
    const second = new CandleAggregator({ timeframes: ['1m', '1h'], latenessMs: 0 });
    second.resume([...stored.values()].filter((c) => !c.closed));
    for (const t of tape.slice(cut)) second.add(priced(t));
    for (const u of second.finish()) stored.set(`${u.candle.timeframe}|${u.candle.openTimeMs}`, u.candle);
    const whole = run(tape, ['1m', '1h']);
    for (const tf of ['1m', '1h'] as const) {
      const resumed = [...stored.values()]
        .filter((c) => c.timeframe === tf)
        .map(project)
        .sort(byKey);
      expect(resumed).toEqual(barsOf(whole, 'ETHUSDT', tf));
    }
  });
});

function byKey(a: RefCandle, b: RefCandle): number {
  return a.openTimeMs - b.openTimeMs;
}

/** Prices are kept as the venue's text; the reference canonicalises. Compare numerically-canonical text. */
function normalise(c: RefCandle): RefCandle {
  const canon = (s: string) => s.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return { ...c, open: canon(c.open), high: canon(c.high), low: canon(c.low), close: canon(c.close) };
}

describe('CandleAggregator regressions', () => {
  it('keeps closing bars after a late trade opens a bar born closed before other closed bars', () => {
    const agg = new CandleAggregator({ timeframes: ['1s'], latenessMs: 60_000 });
    const t0 = Date.UTC(2024, 4, 1, 0, 0);
    const mk = (id: number, offsetMs: number): PricedTrade =>
      priced({ venue: 'demo', symbol: 'X', id, timeMs: t0 + offsetMs, price: '1', size: '1', side: 'buy' });
    agg.add(mk(1, 42_500));
    agg.add(mk(2, 43_090));
    agg.add(mk(3, 31_618)); // late, into second 31 which had no trades
    agg.add(mk(4, 43_907));
    agg.add(mk(5, 44_068));
    const bars = new Map<number, [string, boolean]>();
    for (const u of agg.drain()) bars.set((u.candle.openTimeMs - t0) / 1000, [u.kind, u.candle.closed]);
    expect(bars.get(31)).toEqual(['add', true]);
    expect(bars.get(42)).toEqual(['add', true]);
    expect(bars.get(43)).toEqual(['add', true]);
    expect(bars.get(44)).toEqual(['replace', false]);
    agg.advanceTo(t0 + 45_000);
    expect(agg.drain().map((u) => [(u.candle.openTimeMs - t0) / 1000, u.kind, u.candle.closed])).toEqual([
      [44, 'add', true],
    ]);
  });
});
