import { syntheticBars } from '../../fixtures/indicators/synthetic-bars';
import { CandleAggregator, DEFAULT_LATENESS_MS } from '../../../src/core/candles/aggregator';
import type { Candle, CandleUpdate } from '../../../src/core/candles/candle';
import { TIMEFRAMES, bucketStart, timeframeMs, type TimeframeId } from '../../../src/core/candles/timeframe';
import { DemoMarket, type DemoInstrument } from '../../../src/core/demo/demo-market';
import type { Trade } from '../../../src/core/exchange/types';
import { validateTrade } from '../../../src/core/exchange/validate';
import type { BarInput } from '../../../src/core/indicators/bar-input';
import { DEFAULT_INDICATOR_SPECS, IndicatorEngine } from '../../../src/core/indicators/indicator-engine';
import { createIndicatorFromSpec } from '../../../src/core/indicators/registry';
import type { StreamingIndicator } from '../../../src/core/indicators/streaming-indicator';
import type { BenchPair } from '../benchmark';

let sink = 0;

// ---------------------------------------------------------------------------------------------
// indicators-live: the default set on every timeframe of 10 instruments under a 5k trades/s tape
// ---------------------------------------------------------------------------------------------

/** The live rate the row must sustain. */
const LIVE_TRADES_PER_SEC = 5_000;
/** Market time replayed: 60 s at 5k trades/s. */
const LIVE_MARKET_MS = 60_000;
const LIVE_TRADES = (LIVE_TRADES_PER_SEC * LIVE_MARKET_MS) / 1000;
/** The feed worker drains once per animation frame. */
const FRAME_MS = 1000 / 60;
/**
 * The demo market prints ~6 trades/s per instrument; its tape is compressed in time to 500/s per
 * instrument. Its volatility is scaled down by √(compression) so that per-second moves stay
 * those of the demo instruments.
 */
const COMPRESSION = LIVE_TRADES_PER_SEC / 10 / 6;

const instrument = (
  symbol: string,
  startPrice: number,
  tickDecimals: number,
  sizeDecimals: number,
  typicalSize: number,
  volPerSec: number,
): DemoInstrument => ({
  symbol,
  startPrice,
  tickDecimals,
  sizeDecimals,
  typicalSize,
  baseVolPerSec: volPerSec / Math.sqrt(COMPRESSION),
});

const LIVE_INSTRUMENTS: readonly DemoInstrument[] = [
  instrument('BTCUSDT', 67_000, 2, 5, 0.02, 0.00012),
  instrument('ETHUSDT', 3_400, 2, 4, 0.3, 0.00016),
  instrument('SOLUSDT', 150, 2, 3, 4, 0.00022),
  instrument('BNBUSDT', 580, 2, 3, 1, 0.00015),
  instrument('XRPUSDT', 0.52, 4, 1, 900, 0.0002),
  instrument('DOGEUSDT', 0.12, 5, 0, 4_000, 0.00025),
  instrument('ADAUSDT', 0.45, 4, 1, 1_000, 0.0002),
  instrument('AVAXUSDT', 28, 2, 2, 15, 0.00024),
  instrument('LINKUSDT', 14, 3, 2, 30, 0.00022),
  instrument('TONUSDT', 6.8, 3, 2, 60, 0.00023),
];

/** 10 instruments' trades, exactly `LIVE_TRADES` of them spread over `LIVE_MARKET_MS`. */
function liveTape(): Trade[] {
  // Crosses 00:00 UTC, so daily bars and the session VWAP roll over during the run.
  const start = Date.UTC(2024, 7, 8, 23, 59, 30);
  const market = new DemoMarket(2024, start, LIVE_INSTRUMENTS);
  const raw: Trade[] = [];
  for (let t = start; raw.length < LIVE_TRADES;) {
    t += 60_000;
    for (const trade of market.advance(t, 'binance-spot').trades) raw.push(trade);
  }
  raw.length = LIVE_TRADES;
  const span = (raw[raw.length - 1] as Trade).timeMs - start + 1;
  return raw.map((trade) => ({
    ...trade,
    timeMs: start + Math.floor(((trade.timeMs - start) * LIVE_MARKET_MS) / span),
  }));
}

let tape: Trade[] = [];

/** Closed bars each series is primed with, as the page loads stored candles before going live. */
const PRIME_BARS = 300;

/** `count` stored bars of `tf` ending just before `endMs`, the last one closing at the start price. */
function history(spec: DemoInstrument, tf: TimeframeId, endMs: number, count: number, seed: number): BarInput[] {
  const len = timeframeMs(tf);
  // A random walk read backwards is a random walk: generate from the live start price, reverse
  // time (open ↔ close, taker buy ↔ sell), so the history runs into the live tape without a jump.
  const forward = syntheticBars({
    bars: count,
    seed,
    startPrice: spec.startPrice,
    tick: 10 ** -spec.tickDecimals,
    volumeScale: spec.typicalSize * (LIVE_TRADES_PER_SEC / 10) * (len / 1000),
  });
  return forward.reverse().map((bar, i) => ({
    ...bar,
    timeMs: endMs - (count - i) * len,
    open: bar.close,
    close: bar.open,
    buyVolume: bar.sellVolume,
    sellVolume: bar.buyVolume,
  }));
}

function candleOf(bar: BarInput, symbol: string, timeframe: TimeframeId): Candle {
  return {
    venue: 'binance-spot',
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
    closed: true,
  };
}

let primeBatch: CandleUpdate[] = [];

/** Every series' stored history up to the bar the tape starts in. */
function primeUpdates(): CandleUpdate[] {
  const start = (tape[0] as Trade).timeMs;
  const out: CandleUpdate[] = [];
  LIVE_INSTRUMENTS.forEach((spec, i) => {
    TIMEFRAMES.forEach((tf, j) => {
      for (const bar of history(spec, tf, bucketStart(start, tf), PRIME_BARS, 1 + i * 16 + j)) {
        out.push({ kind: 'add', candle: candleOf(bar, spec.symbol, tf) });
      }
    });
  });
  return out;
}

/** Engines primed in setup, one per timed run; more runs than the default prime inside the timing. */
const primed: IndicatorEngine[] = [];

function primedEngine(): IndicatorEngine {
  const engine = new IndicatorEngine();
  sink += engine.apply(primeBatch).length;
  return engine;
}

/** validate → aggregator on all 9 timeframes, drained every 16.7 ms of market time. */
function runLive(onBatch: (updates: CandleUpdate[]) => void): number {
  const aggregator = new CandleAggregator({ timeframes: TIMEFRAMES, latenessMs: DEFAULT_LATENESS_MS });
  const now = Date.now();
  let nextDrain = (tape[0] as Trade).timeMs + FRAME_MS;
  let kept = 0;
  for (const trade of tape) {
    if (trade.timeMs >= nextDrain) {
      onBatch(aggregator.drain());
      nextDrain += FRAME_MS * Math.max(1, Math.ceil((trade.timeMs - nextDrain) / FRAME_MS));
    }
    const v = validateTrade(trade, now);
    if (v.ok && aggregator.add(v.value) === 'ok') kept++;
  }
  onBatch(aggregator.finish());
  if (kept !== tape.length) throw new Error(`aggregated ${kept} of ${tape.length} trades`);
  return kept;
}

export const indicatorsLive: BenchPair = {
  name: 'indicators-live',
  description: `${DEFAULT_INDICATOR_SPECS.length} default indicators × 9 timeframes × 10 instruments (primed with ${PRIME_BARS} stored bars each), 60 s of a 5k trades/s tape through validate + 9-timeframe aggregation, drained per frame (vs the same pipeline without indicators)`,
  requiredOpsPerSec: LIVE_TRADES_PER_SEC,
  setup() {
    tape = liveTape();
    primeBatch = primeUpdates();
    primed.length = 0;
    for (let i = 0; i < 5; i++) primed.push(primedEngine());
  },
  baseline: {
    name: 'validate + aggregate',
    unit: 'trades',
    run() {
      return runLive((updates) => (sink += updates.length));
    },
  },
  subject: {
    name: '+ indicator engine',
    unit: 'trades',
    run() {
      const engine = primed.pop() ?? primedEngine();
      const before = engine.stats;
      const trades = runLive((updates) => (sink += engine.apply(updates).length));
      const after = engine.stats;
      if (after.previews === before.previews || after.rebuilds !== 0) throw new Error('unexpected engine work');
      return trades;
    },
  },
};

// ---------------------------------------------------------------------------------------------
// indicators-incremental: streaming add/replace vs recomputing the set over the window per update
// ---------------------------------------------------------------------------------------------

const WINDOW = 500;
/** Bars the updates run over; each bar is 3 forming-bar changes and its close. */
const UPDATE_BARS = 250;
const STATES_PER_BAR = 4;

interface Update {
  /** Index of the bar in `bars`. */
  readonly index: number;
  readonly bar: BarInput;
  readonly commit: boolean;
}

let bars: BarInput[] = [];
let updates: Update[] = [];
/** Sets already fed the first `WINDOW` bars in setup, one per timed run (the streaming state). */
const warmed: StreamingIndicator[][] = [];

const createSet = (): StreamingIndicator[] => DEFAULT_INDICATOR_SPECS.map((s) => createIndicatorFromSpec(s));

function warmedSet(): StreamingIndicator[] {
  const set = createSet();
  for (const indicator of set) for (let i = 0; i < WINDOW; i++) indicator.add(bars[i] as BarInput);
  return set;
}

/** The forming bar `bar` passes through partial states (running close, part of the volume). */
function incrementalUpdates(): Update[] {
  const out: Update[] = [];
  for (let index = WINDOW; index < bars.length; index++) {
    const bar = bars[index] as BarInput;
    for (let k = 1; k < STATES_PER_BAR; k++) {
      const share = k / STATES_PER_BAR;
      const close = bar.low + (bar.high - bar.low) * (((index + k) * 7) % 10) * 0.1;
      const state: BarInput = {
        timeMs: bar.timeMs,
        open: bar.open,
        high: Math.max(bar.open, close),
        low: Math.min(bar.open, close),
        close,
        volume: bar.volume * share,
        buyVolume: (bar.buyVolume ?? 0) * share,
        sellVolume: (bar.sellVolume ?? 0) * share,
      };
      out.push({ index, bar: state, commit: false });
    }
    out.push({ index, bar, commit: true });
  }
  return out;
}

export const indicatorsIncremental: BenchPair = {
  name: 'indicators-incremental',
  description: `Default set (${DEFAULT_INDICATOR_SPECS.length} indicators) per bar update, 3 forming changes + close per bar: streaming add/replace vs recomputing the set over the last ${WINDOW} bars each update`,
  setup() {
    bars = syntheticBars({ bars: WINDOW + UPDATE_BARS, seed: 77 });
    updates = incrementalUpdates();
    warmed.length = 0;
    for (let i = 0; i < 5; i++) warmed.push(warmedSet());
  },
  baseline: {
    name: `recompute ${WINDOW}-bar window`,
    unit: 'updates',
    run() {
      for (const u of updates) {
        const set = createSet();
        for (const indicator of set) {
          for (let i = u.index - WINDOW + 1; i < u.index; i++) indicator.add(bars[i] as BarInput);
          sink += indicator.add(u.bar) === null ? 0 : 1;
        }
      }
      return updates.length;
    },
  },
  subject: {
    name: 'streaming add/replace',
    unit: 'updates',
    run() {
      // State after the window's bars, as live; more runs than the default warm up inside the timing.
      const set = warmed.pop() ?? warmedSet();
      for (const u of updates) {
        for (const indicator of set) {
          sink += (u.commit ? indicator.add(u.bar) : indicator.replace(u.bar)) === null ? 0 : 1;
        }
      }
      return updates.length;
    },
  },
};

export function analyticsSink(): number {
  return sink;
}
