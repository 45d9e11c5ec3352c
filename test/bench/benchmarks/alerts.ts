import { syntheticBars } from '../../fixtures/indicators/synthetic-bars';
import { AlertEngine, parseRules, type AlertBar, type AlertRule } from '../../../src/core/alerts';
import type { InstrumentKey } from '../../../src/core/exchange/types';
import type { BarInput } from '../../../src/core/indicators/bar-input';
import { createIndicatorFromSpec } from '../../../src/core/indicators/registry';
import type { StreamingIndicator } from '../../../src/core/indicators/streaming-indicator';
import type { BenchPair } from '../benchmark';

/**
 * alert-rules: 100 rules over 10 instruments (10 each: price crosses with and without
 * hysteresis, rsi threshold and cross, close vs sma 50 and the upper Bollinger band, macd vs its
 * signal, a 1 % move in 15 min, a volume spike), judged on every bar update as in the worker: 3
 * forming updates and the close per 1m bar. One op is one rule judged on one bar update.
 * Baseline: the same updates through only the indicators those rules need, no rules: what the
 * inputs cost, so the difference is the rules' own cost.
 */
const INSTRUMENTS = 10;
const BARS = 600;
const UPDATES_PER_BAR = 4;
const RULES_PER_INSTRUMENT = 10;
const SPECS = ['rsi:14', 'sma:50', 'macd:12,26,9', 'bb:20,2'];

let sink = 0;
let updates: AlertBar[] = [];
let rules: AlertRule[] = [];

function key(i: number): InstrumentKey {
  return `binance-spot:SYM${i}USDT`;
}

function rulesFor(i: number, price: number): unknown[] {
  const instrument = key(i);
  const at = (f: number) => (price * f).toFixed(2);
  return [
    { id: `${i}-px-up`, kind: 'price', op: 'crosses-above', value: at(1.002), instrument },
    { id: `${i}-px-down`, kind: 'price', op: 'crosses-below', value: at(0.998), hysteresis: at(0.0005), instrument },
    { id: `${i}-px-either`, kind: 'price', op: 'crosses', value: at(1), instrument, cooldownMs: 300_000 },
    { id: `${i}-rsi-up`, kind: 'indicator', indicator: 'rsi:14', op: 'crosses-above', value: 70, instrument },
    { id: `${i}-rsi-low`, kind: 'indicator', indicator: 'rsi:14', op: 'below', value: 30, instrument },
    { id: `${i}-sma`, kind: 'indicator', indicator: 'close', op: 'crosses-above', other: 'sma:50', instrument },
    {
      id: `${i}-macd`,
      kind: 'indicator',
      indicator: 'macd:12,26,9',
      op: 'crosses-above',
      other: 'macd:12,26,9',
      otherOutput: 'signal',
      instrument,
    },
    {
      id: `${i}-bb`,
      kind: 'indicator',
      indicator: 'close',
      op: 'crosses-above',
      other: 'bb:20,2',
      otherOutput: 'upper',
      instrument,
    },
    { id: `${i}-move`, kind: 'move', pct: 1, windowMs: 900_000, instrument },
    { id: `${i}-vol`, kind: 'volume-spike', z: 3, window: 20, instrument },
  ];
}

function alertBar(i: number, bar: BarInput, closed: boolean): AlertBar {
  return {
    type: 'bar',
    key: key(i),
    timeframe: '1m',
    openTimeMs: bar.timeMs,
    open: bar.open,
    high: bar.high,
    low: bar.low,
    close: bar.close,
    closeText: String(bar.close),
    volume: bar.volume,
    ...(bar.buyVolume !== undefined ? { buyVolume: bar.buyVolume } : {}),
    ...(bar.sellVolume !== undefined ? { sellVolume: bar.sellVolume } : {}),
    trades: Math.round(bar.volume * 10),
    closed,
    atMs: bar.timeMs + 60_000,
  };
}

/** Forming versions of each bar (its path so far), then the close, interleaved across instruments. */
function liveUpdates(): AlertBar[] {
  const series = Array.from({ length: INSTRUMENTS }, (_, i) =>
    syntheticBars({ bars: BARS, seed: 900 + i, startPrice: 100 * (i + 1) }),
  );
  const out: AlertBar[] = [];
  for (let b = 0; b < BARS; b++) {
    for (let u = 1; u <= UPDATES_PER_BAR; u++) {
      for (let i = 0; i < INSTRUMENTS; i++) {
        const bar = series[i]?.[b] as BarInput;
        if (u === UPDATES_PER_BAR) {
          out.push(alertBar(i, bar, true));
          continue;
        }
        const f = u / UPDATES_PER_BAR;
        const close = Number((bar.open + (bar.close - bar.open) * f).toFixed(2));
        const partial = {
          ...bar,
          close,
          high: Math.max(bar.open, close),
          low: Math.min(bar.open, close),
          volume: bar.volume * f,
        };
        out.push(alertBar(i, partial, false));
      }
    }
  }
  return out;
}

const OPS = INSTRUMENTS * BARS * UPDATES_PER_BAR * RULES_PER_INSTRUMENT;

export const alertRules: BenchPair = {
  name: 'alert-rules',
  description: `${INSTRUMENTS * RULES_PER_INSTRUMENT} rules over ${INSTRUMENTS} instruments, ${UPDATES_PER_BAR} updates per 1m bar (${UPDATES_PER_BAR - 1} forming + close): the alert engine (indicators included) vs only the indicators the rules need; op = one rule judged on one bar update`,
  setup() {
    updates = liveUpdates();
    rules = parseRules(Array.from({ length: INSTRUMENTS }, (_, i) => rulesFor(i, 100 * (i + 1))).flat());
  },
  baseline: {
    name: 'indicators only',
    unit: 'rule-bars',
    run() {
      const sets = new Map<string, StreamingIndicator[]>();
      for (const u of updates) {
        let set = sets.get(u.key);
        if (set === undefined) {
          set = SPECS.map((s) => createIndicatorFromSpec(s));
          sets.set(u.key, set);
        }
        const bar: BarInput = {
          timeMs: u.openTimeMs,
          open: u.open,
          high: u.high,
          low: u.low,
          close: u.close,
          volume: u.volume,
        };
        for (const indicator of set) sink += (u.closed ? indicator.add(bar) : indicator.replace(bar)) === null ? 0 : 1;
      }
      return OPS;
    },
  },
  subject: {
    name: 'alert engine, 100 rules',
    unit: 'rule-bars',
    run() {
      const engine = new AlertEngine(rules);
      for (const u of updates) sink += engine.evaluate(u).length;
      return OPS;
    },
  },
  // The target: ≤ 0.1 ms per rule-bar.
  absoluteTargetMs: OPS * 0.1,
};

export function alertsSink(): number {
  return sink;
}
