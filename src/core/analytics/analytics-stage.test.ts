import { describe, expect, it } from 'vitest';
import { indicatorsCommand } from '../../cli/commands/indicators';
import { pairCommand } from '../../cli/commands/pair';
import type { CliIo } from '../../cli/command';
import { CandleAggregator } from '../candles/aggregator';
import type { Candle, CandleUpdate } from '../candles/candle';
import type { TimeframeId } from '../candles/timeframe';
import { candlesToCsv } from '../csv/candles-csv';
import { DemoMarket } from '../demo/demo-market';
import { instrumentKey, type InstrumentKey, type Trade } from '../exchange/types';
import { validateTrade } from '../exchange/validate';
import { AnalyticsStage, AnalyticsViewError, type StoredCandles } from './analytics-stage';
import type { AnalyticsFrame, AnalyticsView, IndicatorFrame, PairRow } from './analytics-view';

const START = Date.UTC(2026, 0, 5, 0, 0);
const END = START + 8 * 3_600_000;

/** Demo trades through the real aggregator: every update batch, and the final bars per series. */
function demoSession(): { batches: CandleUpdate[][]; bars: Map<string, Candle[]> } {
  const { trades } = new DemoMarket(11, START).advance(END);
  const agg = new CandleAggregator({ timeframes: ['1m', '5m'], latenessMs: 60_000 });
  const batches: CandleUpdate[][] = [];
  trades.forEach((t: Trade, i) => {
    const v = validateTrade(t, END);
    if (!v.ok) throw new Error(v.detail);
    agg.add(v.value);
    agg.advanceTo(t.timeMs - 2_000);
    if (i % 50 === 49) batches.push(agg.drain());
  });
  batches.push(agg.finish());
  const last = new Map<string, Map<number, Candle>>();
  for (const batch of batches) {
    for (const { candle } of batch) {
      const id = `${instrumentKey(candle.venue, candle.symbol)}|${candle.timeframe}`;
      let series = last.get(id);
      if (series === undefined) last.set(id, (series = new Map()));
      series.set(candle.openTimeMs, candle);
    }
  }
  const bars = new Map<string, Candle[]>();
  for (const [id, series] of last)
    bars.set(
      id,
      [...series.values()].sort((a, b) => a.openTimeMs - b.openTimeMs),
    );
  return { batches, bars };
}

class MemoryCandles implements StoredCandles {
  constructor(private readonly bars: Map<string, Candle[]>) {}
  async recent(key: InstrumentKey, timeframe: TimeframeId, limit: number): Promise<Candle[]> {
    return (this.bars.get(`${key}|${timeframe}`) ?? []).slice(-limit);
  }
}

async function cli(command: typeof indicatorsCommand, argv: string[], files: Record<string, string>) {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    readText: async (path) => files[path] as string,
    writeText: async () => undefined,
  };
  expect(await command.run(argv, io)).toBe(0);
  return out;
}

function parseCsv(text: string): { header: string[]; rows: (number | null)[][] } {
  const [head, ...lines] = text.trim().split('\n');
  return {
    header: (head as string).split(','),
    rows: lines.map((l) => l.split(',').map((cell) => (cell === '' ? null : Number(cell)))),
  };
}

function expectSame(actual: number | null | undefined, expected: number | null | undefined, where: string): void {
  if (expected === null || expected === undefined) {
    expect(actual ?? null, where).toBeNull();
    return;
  }
  expect(actual, where).not.toBeNull();
  const scale = Math.max(1, Math.abs(expected));
  expect(Math.abs((actual as number) - expected) / scale, where).toBeLessThanOrEqual(1e-9);
}

/** The last row per bar, as the page keeps them. */
function byBar<R extends { openTimeMs: number }>(rows: readonly R[]): Map<number, R> {
  const out = new Map<number, R>();
  for (const r of rows) out.set(r.openTimeMs, r);
  return out;
}

const BTC = 'demo:BTCUSDT' as InstrumentKey;
const ETH = 'demo:ETHUSDT' as InstrumentKey;
const SPECS = ['rsi:14', 'macd:12,26,9', 'bb:20,2', 'vwap', 'obv', 'cvd', 'adx:14', 'stoch:14,3,3', 'ichimoku', 'psar'];

const view = (over: Partial<AnalyticsView> = {}): AnalyticsView => ({
  viewId: 1,
  key: BTC,
  timeframe: '1m',
  indicators: SPECS.map((spec, i) => ({ id: `ind-${i}`, spec })),
  pair: { a: BTC, b: ETH, window: 60, divergencePct: 0.5, divergenceBars: 1 },
  ...over,
});

async function compareWithCli(frame: Map<string, IndicatorFrame>, pairRows: PairRow[], closed: Candle[][]) {
  const [btc, eth] = closed as [Candle[], Candle[]];
  const files = { 'btc.csv': candlesToCsv(btc), 'eth.csv': candlesToCsv(eth) };
  const argv = ['--candles', 'btc.csv', ...SPECS.flatMap((s) => ['--indicator', s])];
  const expected = parseCsv((await cli(indicatorsCommand, argv, files)).stdout);
  let checked = 0;
  SPECS.forEach((_, i) => {
    const f = frame.get(`ind-${i}`) as IndicatorFrame;
    const rows = byBar(f.rows);
    for (const row of expected.rows) {
      const got = rows.get(row[0] as number);
      expect(got, `bar ${row[0]}`).toBeDefined();
      f.columns.forEach((column, c) => {
        const at = expected.header.indexOf(column);
        expect(at, column).toBeGreaterThan(0);
        expectSame(got?.values[c], row[at], `${column} at ${row[0]}`);
        if (row[at] !== null) checked++;
      });
    }
  });
  expect(checked).toBeGreaterThan(SPECS.length * 300);

  const pair = await cli(pairCommand, ['--a', 'btc.csv', '--b', 'eth.csv', '--window', '60'], files);
  const expectedPair = parseCsv(pair.stdout);
  const rows = byBar(pairRows);
  const fields = ['olsBeta', 'olsAlpha', 'kalmanBeta', 'kalmanAlpha', 'spread', 'zscore', 'correlation'] as const;
  for (const row of expectedPair.rows) {
    const got = rows.get(row[0] as number) as PairRow;
    expect(got, `pair bar ${row[0]}`).toBeDefined();
    expectSame(got.a, row[1], 'a');
    expectSame(got.b, row[2], 'b');
    fields.forEach((field, k) => expectSame(got[field], row[3 + k], `${field} at ${row[0]}`));
  }
  return JSON.parse(pair.stderr) as { bars: number; coint: { pvalue: number }; halfLifeBars: number | null };
}

describe('AnalyticsStage', () => {
  const session = demoSession();
  const closedOf = (key: string, bars: Map<string, Candle[]>) => (bars.get(`${key}|1m`) ?? []).filter((c) => c.closed);

  it('rebuilds a view from stored bars with the values the indicators and pair commands print', async () => {
    const stored = new Map([...session.bars].map(([id, bars]) => [id, bars.filter((c) => c.closed)]));
    const stage = new AnalyticsStage(new MemoryCandles(stored));
    let pending = 0;
    stage.onPending = () => pending++;
    await stage.setView(view());
    expect(pending).toBe(1);
    const frame = stage.frame([]) as AnalyticsFrame;
    expect(frame).toMatchObject({ viewId: 1, key: BTC, timeframe: '1m' });
    expect(frame.indicators.every((f) => f.reset)).toBe(true);
    expect(frame.pair?.reset).toBe(true);
    const summary = await compareWithCli(
      new Map(frame.indicators.map((f) => [f.instanceId, f])),
      [...(frame.pair?.rows ?? [])],
      [closedOf(BTC, stored), closedOf(ETH, stored)],
    );
    expect(frame.pair?.summary?.bars).toBe(summary.bars);
    expectSame(frame.pair?.summary?.coint.pvalue ?? null, summary.coint.pvalue, 'coint p-value');
    expectSame(frame.pair?.summary?.halfLifeBars ?? null, summary.halfLifeBars, 'half-life');
    // Nothing new: no frame.
    expect(stage.frame([])).toBeNull();
  });

  it('continues live from the aggregator batches to the same values', async () => {
    // Storage holds the first 5 hours; the rest streams through `frame` as the feed drains it.
    const cut = START + 5 * 3_600_000;
    const stored = new Map(
      [...session.bars].map(([id, bars]) => [id, bars.filter((c) => c.closed && c.openTimeMs < cut - 60_000)]),
    );
    const stage = new AnalyticsStage(new MemoryCandles(stored));
    const later = session.batches.map((b) => b.filter((u) => u.candle.openTimeMs >= cut - 60_000));
    await stage.setView(view());
    const frames = later.map((b) => stage.frame(b)).filter((f): f is AnalyticsFrame => f !== null);
    expect(frames[0]?.indicators[0]?.reset).toBe(true);
    expect(frames.slice(1).every((f) => f.indicators.every((i) => !i.reset))).toBe(true);
    const indicators = new Map<string, IndicatorFrame>();
    for (const f of frames) {
      for (const i of f.indicators) {
        const had = indicators.get(i.instanceId);
        indicators.set(i.instanceId, had === undefined ? i : { ...i, rows: [...had.rows, ...i.rows] });
      }
    }
    const pairRows = frames.flatMap((f) => f.pair?.rows ?? []);
    // Divergence marks (seed 004) are on committed bars only, and past the threshold.
    for (const r of pairRows) if (r.divergencePct !== null) expect(Math.abs(r.divergencePct)).toBeGreaterThan(0.5);
    await compareWithCli(indicators, pairRows, [closedOf(BTC, session.bars), closedOf(ETH, session.bars)]);
  });

  it('serves bars seen in memory but not yet stored, and computes only the view on screen', async () => {
    const stage = new AnalyticsStage(new MemoryCandles(new Map()));
    for (const b of session.batches) stage.frame(b); // no view yet: nothing computed, bars remembered
    await stage.setView(view({ indicators: [{ id: 'a', spec: 'sma:5' }], pair: undefined, timeframe: '5m' }));
    const frame = stage.frame([]) as AnalyticsFrame;
    const rows = frame.indicators[0]?.rows ?? [];
    // The recent-bar memory keeps the newest 256 bars of each series.
    expect(rows.length).toBe(Math.min(256, (session.bars.get(`${BTC}|5m`) ?? []).length));
    expect(frame.pair).toBeUndefined();
    expect(frame.timeframe).toBe('5m');
  });

  it('drops a superseded view, shares columns between copies and reports a bad spec on its own instance', async () => {
    const stage = new AnalyticsStage(new MemoryCandles(session.bars));
    const first = stage.setView(view({ viewId: 1 }));
    const second = stage.setView(
      view({
        viewId: 2,
        pair: undefined,
        indicators: [
          { id: 'x', spec: 'rsi' },
          { id: 'y', spec: 'rsi:14' },
          { id: 'bad', spec: 'nosuch:3' },
        ],
      }),
    );
    await Promise.all([first, second]);
    const frame = stage.frame([]) as AnalyticsFrame;
    expect(frame.viewId).toBe(2);
    const [x, y, bad] = frame.indicators as [IndicatorFrame, IndicatorFrame, IndicatorFrame];
    expect(x.columns).toEqual(['rsi_14']);
    expect(y.rows).toEqual(x.rows);
    expect(bad.rows).toEqual([]);
    expect(bad.error).toMatch(/nosuch/);
    await expect(stage.setView(view({ timeframe: '2m' as TimeframeId }))).rejects.toThrow(AnalyticsViewError);
    await expect(stage.setView(view({ key: 'nonsense' as InstrumentKey }))).rejects.toThrow(/instrument key/);
  });
});
