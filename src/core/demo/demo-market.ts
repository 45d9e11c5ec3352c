import type { Quote, Trade } from '../exchange/types';
import { gaussian, mulberry32 } from './rng';

export interface DemoInstrument {
  readonly symbol: string;
  readonly startPrice: number;
  /** Price increment; prices are printed with this many decimals. */
  readonly tickDecimals: number;
  readonly sizeDecimals: number;
  /** Typical trade size in base units. */
  readonly typicalSize: number;
  /** Per-second volatility in the calm regime (fraction of price). */
  readonly baseVolPerSec: number;
}

export const DEMO_INSTRUMENTS: readonly DemoInstrument[] = [
  {
    symbol: 'BTCUSDT',
    startPrice: 67_000,
    tickDecimals: 2,
    sizeDecimals: 5,
    typicalSize: 0.02,
    baseVolPerSec: 0.00012,
  },
  { symbol: 'ETHUSDT', startPrice: 3_400, tickDecimals: 2, sizeDecimals: 4, typicalSize: 0.3, baseVolPerSec: 0.00016 },
  { symbol: 'SOLUSDT', startPrice: 150, tickDecimals: 2, sizeDecimals: 3, typicalSize: 4, baseVolPerSec: 0.00022 },
];

interface InstrumentState {
  readonly spec: DemoInstrument;
  logPrice: number;
  /** GARCH(1,1)-style variance of per-second returns: volatility clusters. */
  variance: number;
  nextId: number;
}

/**
 * A simulated market: a random walk whose volatility clusters (GARCH(1,1)), with occasional
 * jumps, Poisson trade arrivals whose rate rises with volatility, and Pareto-tailed trade sizes.
 * Deterministic for a seed, so a demo session and a test see the same tape.
 */
export class DemoMarket {
  private readonly random: () => number;
  private readonly states: InstrumentState[];
  private clockMs: number;

  constructor(seed: number, startMs: number, instruments: readonly DemoInstrument[] = DEMO_INSTRUMENTS) {
    this.random = mulberry32(seed);
    this.clockMs = startMs;
    this.states = instruments.map((spec) => ({
      spec,
      logPrice: Math.log(spec.startPrice),
      variance: spec.baseVolPerSec ** 2,
      nextId: 1 + Math.floor(this.random() * 1e6),
    }));
  }

  get timeMs(): number {
    return this.clockMs;
  }

  /** Advances the market to `untilMs` and returns the trades and quotes in time order. */
  advance(untilMs: number, venue: Trade['venue'] = 'demo'): { trades: Trade[]; quotes: Quote[] } {
    const trades: Trade[] = [];
    const quotes: Quote[] = [];
    while (this.clockMs < untilMs) {
      const stepMs = Math.min(250, untilMs - this.clockMs);
      const dt = stepMs / 1000;
      for (const s of this.states) this.step(s, dt, this.clockMs, stepMs, venue, trades, quotes);
      this.clockMs += stepMs;
    }
    trades.sort((a, b) => a.timeMs - b.timeMs);
    return { trades, quotes };
  }

  private step(
    s: InstrumentState,
    dt: number,
    startMs: number,
    stepMs: number,
    venue: Trade['venue'],
    trades: Trade[],
    quotes: Quote[],
  ): void {
    const base = s.spec.baseVolPerSec ** 2;
    const shock = gaussian(this.random);
    // GARCH(1,1) per second: persistence 0.98 keeps regimes for minutes.
    s.variance = base * 0.01 + 0.97 * s.variance + 0.02 * s.variance * shock * shock;
    let ret = Math.sqrt(s.variance * dt) * shock;
    if (this.random() < 0.0004 * dt) ret += (this.random() < 0.5 ? -1 : 1) * 30 * Math.sqrt(base); // jump
    s.logPrice += ret;
    const intensity = 6 * Math.sqrt(s.variance / base); // trades per second
    const count = poisson(this.random, intensity * dt);
    const mid = Math.exp(s.logPrice);
    const tick = 10 ** -s.spec.tickDecimals;
    const times: number[] = [];
    for (let i = 0; i < count; i++) times.push(startMs + Math.floor(this.random() * stepMs));
    times.sort((a, b) => a - b);
    for (const timeMs of times) {
      const side = this.random() < 0.5 + Math.max(-0.3, Math.min(0.3, ret * 2000)) ? 'buy' : 'sell';
      const price = side === 'buy' ? mid + tick / 2 : mid - tick / 2;
      // Pareto(α = 1.6) sizes: mostly small prints, a few blocks.
      const size = s.spec.typicalSize * 0.4 * (1 - this.random()) ** (-1 / 1.6);
      const sizeText = Math.max(size, 10 ** -s.spec.sizeDecimals).toFixed(s.spec.sizeDecimals);
      trades.push({
        venue,
        symbol: s.spec.symbol,
        id: s.nextId++,
        timeMs,
        price: Math.max(price, tick).toFixed(s.spec.tickDecimals),
        size: sizeText,
        side,
      });
    }
    const halfSpread = tick * (1 + Math.floor(this.random() * 3));
    quotes.push({
      venue,
      symbol: s.spec.symbol,
      timeMs: startMs + stepMs - 1,
      bid: Math.max(mid - halfSpread, tick).toFixed(s.spec.tickDecimals),
      bidSize: (s.spec.typicalSize * (1 + 20 * this.random())).toFixed(s.spec.sizeDecimals),
      ask: (mid + halfSpread).toFixed(s.spec.tickDecimals),
      askSize: (s.spec.typicalSize * (1 + 20 * this.random())).toFixed(s.spec.sizeDecimals),
    });
  }
}

function poisson(random: () => number, lambda: number): number {
  // Knuth's method; lambda per step stays small (< 30).
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}
