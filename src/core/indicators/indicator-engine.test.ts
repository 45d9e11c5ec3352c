import { describe, expect, it } from 'vitest';
import { syntheticBars } from '../../../test/fixtures/indicators/synthetic-bars';
import { CandleAggregator } from '../candles/aggregator';
import type { Candle, CandleUpdate } from '../candles/candle';
import type { TimeframeId } from '../candles/timeframe';
import { DemoMarket } from '../demo/demo-market';
import type { Trade } from '../exchange/types';
import { validateTrade } from '../exchange/validate';
import { barFromCandle, type BarInput } from './bar-input';
import { IndicatorSpecError } from './indicator-spec';
import { DEFAULT_INDICATOR_SPECS, IndicatorEngine, valuesByColumn, type IndicatorSnapshot } from './indicator-engine';
import { createIndicatorFromSpec } from './registry';
import type { IndicatorValue, StreamingIndicator } from './streaming-indicator';

type Values = Record<string, number | null>;

/** What a page holds: the latest values of every bar it was told about. */
class Store {
  readonly bars = new Map<string, Values>();
  constructor(private readonly columns: readonly string[]) {}
  apply(snapshots: readonly IndicatorSnapshot[]): void {
    for (const s of snapshots) {
      expect(s.values).toHaveLength(this.columns.length);
      this.bars.set(`${s.key}|${s.timeframe}|${s.openTimeMs}`, valuesByColumn(this.columns, s.values));
    }
  }
  get(key: string, timeframe: TimeframeId, openTimeMs: number): Values | undefined {
    return this.bars.get(`${key}|${timeframe}|${openTimeMs}`);
  }
}

/** Independent reference: one fresh indicator per spec, fed add-only (and `replace` to preview). */
class Reference {
  private readonly indicators: StreamingIndicator[];
  constructor(readonly specs: readonly string[]) {
    this.indicators = specs.map((s) => createIndicatorFromSpec(s));
  }
  private flatten(results: (IndicatorValue | null)[]): Values {
    const values: Values = {};
    this.indicators.forEach((indicator, i) => {
      indicator.outputs.forEach((output, o) => {
        values[indicator.columns[o]!] = results[i]?.[output] ?? null;
      });
    });
    return values;
  }
  add(bar: BarInput): Values {
    return this.flatten(this.indicators.map((ind) => ind.add(bar)));
  }
  preview(bar: BarInput): Values {
    return this.flatten(this.indicators.map((ind) => ind.replace(bar)));
  }
  static addOnly(specs: readonly string[], bars: readonly BarInput[]): Values[] {
    const reference = new Reference(specs);
    return bars.map((bar) => reference.add(bar));
  }
}

function candle(bar: BarInput, symbol: string, timeframe: TimeframeId, closed: boolean): Candle {
  return {
    venue: 'demo',
    symbol,
    timeframe,
    openTimeMs: bar.timeMs,
    open: String(bar.open),
    high: String(bar.high),
    low: String(bar.low),
    close: String(bar.close),
    volume: String(bar.volume),
    quoteVolume: String(bar.volume * bar.close),
    buyVolume: String(bar.buyVolume ?? 0),
    sellVolume: String(bar.sellVolume ?? 0),
    trades: 1,
    vwap: bar.close,
    closed,
  };
}

const add = (bar: BarInput, symbol: string, tf: TimeframeId): CandleUpdate => ({
  kind: 'add',
  candle: candle(bar, symbol, tf, true),
});
const forming = (bar: BarInput, symbol: string, tf: TimeframeId): CandleUpdate => ({
  kind: 'replace',
  candle: candle(bar, symbol, tf, false),
});
/** How the aggregator pushes a late trade into a closed bar: a `replace` of the closed bar. */
const correction = (bar: BarInput, symbol: string, tf: TimeframeId): CandleUpdate => ({
  kind: 'replace',
  candle: candle(bar, symbol, tf, true),
});

/** States the forming bar passes through before it closes as `bar`; the last one is `bar`. */
function formingStates(bar: BarInput, index: number): BarInput[] {
  const states: BarInput[] = [];
  for (let k = 1; k <= 3; k++) {
    const t = ((index * 7 + k * 3) % 10) / 10;
    const close = bar.low + (bar.high - bar.low) * t;
    const share = k / 4;
    states.push({
      timeMs: bar.timeMs,
      open: bar.open,
      high: Math.max(bar.open, close),
      low: Math.min(bar.open, close),
      close,
      volume: bar.volume * share,
      buyVolume: (bar.buyVolume ?? 0) * share,
      sellVolume: (bar.sellVolume ?? 0) * share,
    });
  }
  states.push(bar);
  return states;
}

/** The bars as a candle round trip gives them (decimal text and back), as the engine sees them. */
function roundTrip(bars: readonly BarInput[], symbol: string, tf: TimeframeId): BarInput[] {
  return bars.map((bar) => barFromCandle(candle(bar, symbol, tf, true)));
}

function withBar(bars: readonly BarInput[], index: number, bar: BarInput): BarInput[] {
  return bars.map((b, i) => (i === index ? bar : b));
}

const SPECS = DEFAULT_INDICATOR_SPECS;

describe('IndicatorEngine', () => {
  it('reports closed bars as add-only over the closed bars and the forming bar as replace', () => {
    const series = [
      { key: 'demo:BTC', symbol: 'BTC', tf: '1m' as const, bars: syntheticBars({ bars: 320, seed: 3 }) },
      {
        key: 'demo:BTC',
        symbol: 'BTC',
        tf: '5m' as const,
        bars: syntheticBars({ bars: 320, seed: 4, intervalMs: 300_000 }),
      },
      {
        key: 'demo:SOL',
        symbol: 'SOL',
        tf: '1m' as const,
        bars: syntheticBars({ bars: 320, seed: 5, startPrice: 150, flat: [{ start: 100, length: 30 }] }),
      },
    ];
    const engine = new IndicatorEngine();
    const store = new Store(engine.columns);
    const references = series.map(() => new Reference(SPECS));
    for (let i = 0; i < 320; i++) {
      const states = series.map((s) => formingStates(s.bars[i]!, i));
      for (let k = 0; k < 4; k++) {
        // One batch: every series' forming bar changes; the three series are interleaved.
        store.apply(engine.apply(series.map((s, j) => forming(states[j]![k]!, s.symbol, s.tf))));
        series.forEach((s, j) => {
          const bar = roundTrip([states[j]![k]!], s.symbol, s.tf)[0]!;
          expect(store.get(s.key, s.tf, bar.timeMs)).toEqual(references[j]!.preview(bar));
        });
      }
      store.apply(engine.apply(series.map((s) => add(s.bars[i]!, s.symbol, s.tf))));
      series.forEach((s, j) => {
        const bar = roundTrip([s.bars[i]!], s.symbol, s.tf)[0]!;
        expect(store.get(s.key, s.tf, bar.timeMs)).toEqual(references[j]!.add(bar));
      });
    }
    expect(engine.stats).toMatchObject({ committed: 3 * 320, previews: 3 * 320 * 4, rebuilds: 0 });
  });

  it('reports a bar only when one of its values changed, as a row aligned with the columns', () => {
    const bars = syntheticBars({ bars: 60, seed: 8 });
    const engine = new IndicatorEngine();
    expect(engine.columns).toHaveLength(22);
    for (const bar of bars.slice(0, 59)) engine.apply([add(bar, 'X', '1m')]);
    const last = bars[59]!;
    const flat = { ...last, close: last.open, high: last.open, low: last.open };
    const first = engine.apply([forming(flat, 'X', '1m')]);
    expect(first).toHaveLength(1);
    // Same bar, more volume and same prices: only the volume-weighted columns move.
    const heavier = {
      ...flat,
      volume: last.volume * 2,
      buyVolume: (last.buyVolume ?? 0) * 3,
      sellVolume: last.volume * 2 - (last.buyVolume ?? 0) * 3,
    };
    const second = engine.apply([forming(heavier, 'X', '1m')]);
    expect(second).toHaveLength(1);
    const changed = engine.columns.filter((_, i) => first[0]!.values[i] !== second[0]!.values[i]);
    expect(changed.sort()).toEqual(['cvd', 'cvd_delta', 'vwap']);
    // Nothing changed: nothing reported.
    expect(engine.apply([forming(heavier, 'X', '1m')])).toEqual([]);
    expect(engine.latest('demo:X', '1m')).toEqual(second[0]);
    expect(engine.latest('demo:X', '5m')).toBeNull();
    expect(engine.latest('demo:Y', '1m')).toBeNull();
    engine.forget('demo:X');
    expect(engine.latest('demo:X', '1m')).toBeNull();
  });

  it('coalesces several replaces of the forming bar in one batch into one computation', () => {
    let replaces = 0;
    const engine = new IndicatorEngine({
      create: (spec) => {
        const indicator = createIndicatorFromSpec(spec);
        return {
          ...indicator,
          add: (bar) => indicator.add(bar),
          replace: (bar) => {
            replaces++;
            return indicator.replace(bar);
          },
        };
      },
    });
    // Past every warm-up (ema:200): previews during warm-up are known to be null, not computed.
    const bars = syntheticBars({ bars: 241, seed: 9 });
    engine.apply(bars.slice(0, 240).map((b) => add(b, 'X', '1m')));
    const states = formingStates(bars[240]!, 240);
    const out = engine.apply(states.map((s) => forming(s, 'X', '1m')));
    expect(replaces).toBe(SPECS.length);
    expect(engine.stats.previews).toBe(1);
    expect(out).toHaveLength(1);
    const reference = new Reference(SPECS);
    for (const bar of roundTrip(bars.slice(0, 240), 'X', '1m')) reference.add(bar);
    expect(valuesByColumn(engine.columns, out[0]!.values)).toEqual(
      reference.preview(roundTrip([bars[240]!], 'X', '1m')[0]!),
    );
  });

  it('does not compute previews that are null by the warm-up contract', () => {
    let replaces = 0;
    const engine = new IndicatorEngine({
      create: (spec) => {
        const indicator = createIndicatorFromSpec(spec);
        return {
          ...indicator,
          add: (bar) => indicator.add(bar),
          replace: (bar) => (replaces++, indicator.replace(bar)),
        };
      },
    });
    const bars = syntheticBars({ bars: 31, seed: 14 });
    engine.apply(bars.slice(0, 30).map((b) => add(b, 'X', '1m')));
    const [snapshot] = engine.apply([forming(bars[30]!, 'X', '1m')]);
    const warm = SPECS.map((s) => createIndicatorFromSpec(s)).filter((ind) => ind.warmup <= 30);
    expect(replaces).toBe(warm.length);
    expect(warm.length).toBeLessThan(SPECS.length);
    const reference = new Reference(SPECS);
    for (const bar of roundTrip(bars.slice(0, 30), 'X', '1m')) reference.add(bar);
    expect(valuesByColumn(engine.columns, snapshot!.values)).toEqual(
      reference.preview(roundTrip([bars[30]!], 'X', '1m')[0]!),
    );
  });

  it('commits the closed bars of one batch in order and then previews the forming bar once', () => {
    const bars = syntheticBars({ bars: 80, seed: 10 });
    const engine = new IndicatorEngine();
    const store = new Store(engine.columns);
    // Whole backlog in one batch, shuffled, with a stale forming version of the last bar first.
    const batch = [
      forming(formingStates(bars[79]!, 79)[0]!, 'X', '1m'),
      ...bars
        .slice(0, 79)
        .map((b) => add(b, 'X', '1m'))
        .reverse(),
      forming(bars[79]!, 'X', '1m'),
    ];
    store.apply(engine.apply(batch));
    const expected = Reference.addOnly(SPECS, roundTrip(bars, 'X', '1m'));
    bars.forEach((bar, i) => expect(store.get('demo:X', '1m', bar.timeMs)).toEqual(expected[i]));
    expect(engine.stats).toMatchObject({ committed: 79, previews: 1 });
  });

  it('rebuilds a series from history after corrections of closed bars, once per batch', () => {
    const all = syntheticBars({ bars: 320, seed: 12 });
    // Bar 265 arrives late, born closed after 266.. were committed.
    const late = 265;
    const engine = new IndicatorEngine();
    const store = new Store(engine.columns);
    for (let i = 0; i < 300; i++) if (i !== late) store.apply(engine.apply([add(all[i]!, 'X', '1m')]));
    store.apply(engine.apply([forming(formingStates(all[300]!, 300)[0]!, 'X', '1m')]));
    const before = engine.stats;

    const fixed250 = { ...all[250]!, high: all[250]!.high + 50, close: all[250]!.close + 20, volume: 99 };
    const fixed280 = { ...all[280]!, low: all[280]!.low - 30, volume: all[280]!.volume + 1 };
    let truth = withBar(withBar(all, 250, fixed250), 280, fixed280);
    store.apply(
      engine.apply([
        correction(fixed280, 'X', '1m'),
        correction(fixed250, 'X', '1m'),
        add(all[late]!, 'X', '1m'),
        add(all[300]!, 'X', '1m'),
        forming(all[301]!, 'X', '1m'),
      ]),
    );
    expect(engine.stats.rebuilds - before.rebuilds).toBe(1);
    expect(engine.stats.uncorrectable).toBe(0);
    let expected = Reference.addOnly(SPECS, roundTrip(truth.slice(0, 302), 'X', '1m'));
    for (let i = 0; i <= 301; i++) expect(store.get('demo:X', '1m', truth[i]!.timeMs)).toEqual(expected[i]);

    // A correction alone re-reports the forming bar on the rebuilt indicators.
    const fixed299 = { ...truth[299]!, close: truth[299]!.high, volume: truth[299]!.volume * 3 };
    truth = withBar(truth, 299, fixed299);
    const out = engine.apply([correction(fixed299, 'X', '1m')]);
    expect(out.map((s) => s.openTimeMs)).toEqual([299, 300, 301].map((i) => truth[i]!.timeMs));
    store.apply(out);
    expected = Reference.addOnly(SPECS, roundTrip(truth.slice(0, 302), 'X', '1m'));
    for (let i = 0; i <= 301; i++) expect(store.get('demo:X', '1m', truth[i]!.timeMs)).toEqual(expected[i]);

    // Streaming goes on from the rebuilt state.
    for (let i = 301; i < 320; i++) {
      store.apply(
        engine.apply([add(truth[i]!, 'X', '1m'), forming(formingStates(truth[i + 1] ?? truth[i]!, i)[0]!, 'X', '1m')]),
      );
    }
    expected = Reference.addOnly(SPECS, roundTrip(truth, 'X', '1m'));
    for (let i = 0; i < 320; i++) expect(store.get('demo:X', '1m', truth[i]!.timeMs)).toEqual(expected[i]);
  });

  it('rebuilds from the last historyBars bars and refuses corrections older than those', () => {
    const bars = syntheticBars({ bars: 200, seed: 13 });
    const engine = new IndicatorEngine({ historyBars: 50 });
    const store = new Store(engine.columns);
    for (const bar of bars) engine.apply([add(bar, 'X', '1m')]);
    const fixed = { ...bars[180]!, close: bars[180]!.low, volume: 1 };
    store.apply(engine.apply([correction(fixed, 'X', '1m')]));
    const truth = withBar(bars, 180, fixed);
    const expected = Reference.addOnly(SPECS, roundTrip(truth.slice(150), 'X', '1m'));
    for (let i = 180; i < 200; i++) expect(store.get('demo:X', '1m', truth[i]!.timeMs)).toEqual(expected[i - 150]);
    expect(store.bars.size).toBe(20);

    expect(engine.apply([correction({ ...bars[100]!, volume: 1 }, 'X', '1m')])).toEqual([]);
    expect(engine.stats).toMatchObject({ rebuilds: 1, replayedBars: 50, uncorrectable: 1 });
  });

  it('follows the aggregator end to end, late trades included', () => {
    const start = Date.UTC(2024, 0, 1, 23, 55);
    const { trades } = new DemoMarket(21, start).advance(start + 10 * 60_000);
    // Every 40th trade arrives 200 trades late: into a closed 1s bar, or opening one born closed.
    const tape: Trade[] = [];
    const held: { at: number; trade: Trade }[] = [];
    trades.forEach((trade, i) => {
      if (i % 40 === 7) held.push({ at: i + 200, trade });
      else tape.push(trade);
      while (held.length > 0 && held[0]!.at <= i) tape.push(held.shift()!.trade);
    });
    for (const h of held) tape.push(h.trade);

    const timeframes: TimeframeId[] = ['1s', '15s', '1m'];
    const aggregator = new CandleAggregator({ timeframes, latenessMs: 120_000 });
    const engine = new IndicatorEngine();
    const store = new Store(engine.columns);
    const finalBars = new Map<string, Candle>();
    const feed = (updates: CandleUpdate[]): void => {
      for (const u of updates)
        finalBars.set(`${u.candle.symbol}|${u.candle.timeframe}|${u.candle.openTimeMs}`, u.candle);
      store.apply(engine.apply(updates));
    };
    tape.forEach((trade, i) => {
      const v = validateTrade(trade, Date.UTC(2030, 0, 1));
      if (!v.ok) throw new Error(v.detail);
      expect(aggregator.add(v.value)).toBe('ok');
      if (i % 25 === 0) feed(aggregator.drain());
    });
    feed(aggregator.finish());

    expect(engine.stats.rebuilds).toBeGreaterThan(10);
    // The contract is about the closed bars the engine was given: compare every one of them.
    let checked = 0;
    for (const symbol of ['BTCUSDT', 'ETHUSDT', 'SOLUSDT']) {
      for (const tf of timeframes) {
        const candles = [...finalBars.values()]
          .filter((c) => c.symbol === symbol && c.timeframe === tf && c.closed)
          .sort((a, b) => a.openTimeMs - b.openTimeMs);
        const bars = candles.map(barFromCandle);
        const expected = Reference.addOnly(SPECS, bars);
        bars.forEach((bar, i) => expect(store.get(`demo:${symbol}`, tf, bar.timeMs)).toEqual(expected[i]));
        checked += bars.length;
      }
    }
    expect(checked).toBeGreaterThan(1500);
    // Nothing reported for a bar the aggregator never produced.
    for (const id of store.bars.keys()) expect(finalBars.has(id.replace(/^demo:/, ''))).toBe(true);
  });

  it('checks its specs and options', () => {
    expect(() => new IndicatorEngine({ specs: ['rsi:14', 'nope'] })).toThrow(IndicatorSpecError);
    expect(() => new IndicatorEngine({ specs: ['rsi', 'rsi:14'] })).toThrow(/listed twice/);
    expect(() => new IndicatorEngine({ historyBars: 0 })).toThrow(RangeError);
    const engine = new IndicatorEngine({ specs: ['macd', 'obv'] });
    expect(engine.columns).toEqual(['macd_12_26_9', 'macd_12_26_9_signal', 'macd_12_26_9_histogram', 'obv']);
    expect(DEFAULT_INDICATOR_SPECS.length).toBeGreaterThanOrEqual(10);
  });
});
