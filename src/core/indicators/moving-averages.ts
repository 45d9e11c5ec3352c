import type { BarInput } from './bar-input';
import { ExponentialAverage } from './exponential-average';
import { RingBuffer } from './ring-buffer';
import { RollingSum } from './rolling-sum';
import type { Stage } from './stage';
import type { IndicatorCore } from './streaming-indicator';

/** Feeds `source(bar)` through a stage and names its single output. */
export function stageCore(
  name: string,
  warmup: number,
  stage: Stage,
  source: (bar: BarInput) => number = (bar) => bar.close,
): IndicatorCore {
  return {
    warmup,
    update(bar, commit) {
      const value = stage.update(source(bar), commit);
      return value === null ? null : { [name]: value };
    },
  };
}

/** Exponential moving average of close, seeded with the SMA of the first `period` closes (TA-Lib EMA). */
export function emaCore(period: number): IndicatorCore {
  return stageCore('ema', period - 1, new ExponentialAverage(period));
}

/**
 * EMAs applied in sequence, each to the previous one's output; each is seeded with the SMA of its
 * own first `period` inputs, as TA-Lib does in DEMA, TEMA, TRIX and T3.
 */
export class EmaChain implements Stage<number, readonly number[]> {
  private readonly emas: ExponentialAverage[];

  constructor(period: number, depth: number) {
    this.emas = Array.from({ length: depth }, () => new ExponentialAverage(period));
  }

  /** Bars before the last EMA of the chain has a value. */
  get warmup(): number {
    return this.emas.reduce((total, ema) => total + ema.warmup, 0);
  }

  /** Every EMA's value for this input, or null until the last one has one. */
  update(x: number, commit: boolean): readonly number[] | null {
    const values: number[] = [];
    let input: number | null = x;
    for (const ema of this.emas) {
      input = input === null ? null : ema.update(input, commit);
      if (input !== null) values.push(input);
    }
    return values.length === this.emas.length ? values : null;
  }
}

/** Double EMA: 2·EMA − EMA(EMA) (Mulloy; TA-Lib DEMA). */
export function demaCore(period: number): IndicatorCore {
  const chain = new EmaChain(period, 2);
  return {
    warmup: chain.warmup,
    update(bar, commit) {
      const e = chain.update(bar.close, commit);
      return e === null ? null : { dema: 2 * (e[0] as number) - (e[1] as number) };
    },
  };
}

/** Triple EMA: 3·e1 − 3·e2 + e3 (Mulloy; TA-Lib TEMA). */
export function temaCore(period: number): IndicatorCore {
  const chain = new EmaChain(period, 3);
  return {
    warmup: chain.warmup,
    update(bar, commit) {
      const e = chain.update(bar.close, commit);
      return e === null ? null : { tema: 3 * (e[0] as number) - 3 * (e[1] as number) + (e[2] as number) };
    },
  };
}

/** Tillson T3: six chained EMAs combined with volume factor `v` (TA-Lib T3). */
export function t3Core(period: number, v: number): IndicatorCore {
  const chain = new EmaChain(period, 6);
  const v2 = v * v;
  const c1 = -v2 * v;
  const c2 = 3 * (v2 - c1);
  const c3 = -6 * v2 - 3 * (v - c1);
  const c4 = 1 + 3 * v - c1 + 3 * v2;
  return {
    warmup: chain.warmup,
    update(bar, commit) {
      const e = chain.update(bar.close, commit);
      if (e === null) return null;
      return { t3: c1 * (e[5] as number) + c2 * (e[4] as number) + c3 * (e[3] as number) + c4 * (e[2] as number) };
    },
  };
}

/**
 * Kaufman's adaptive moving average (TA-Lib KAMA, which fixes fast = 2 and slow = 30). The
 * efficiency ratio is |net change| / Σ|changes| over `period` changes; the first value uses the
 * previous close as the prior average, as TA-Lib does.
 */
export function kamaCore(period: number, fast: number, slow: number): IndicatorCore {
  if (!(fast < slow)) throw new RangeError('kama: fast must be below slow');
  const closes = new RingBuffer(period + 1);
  const changes = new RollingSum(period);
  const fastSc = 2 / (fast + 1);
  const slowSc = 2 / (slow + 1);
  let previous: number | null = null;
  return {
    warmup: period,
    update(bar, commit) {
      const last = closes.length > 0 ? closes.at(closes.length - 1) : null;
      const full = closes.length >= period;
      // The close before the first value stands in for the prior KAMA.
      const prior = previous ?? (full ? (last as number) : null);
      const first = full ? closes.oldestWith(bar.close) : NaN;
      const moved = last === null ? null : changes.update(Math.abs(bar.close - last), commit);
      if (commit) closes.push(bar.close);
      if (prior === null || moved === null) return null;
      const noise = moved;
      const change = bar.close - first;
      const er = noise === 0 || noise <= change ? 1 : Math.abs(change / noise);
      const sc = (er * (fastSc - slowSc) + slowSc) ** 2;
      const kama = (bar.close - prior) * sc + prior;
      if (commit) previous = kama;
      return { kama };
    },
  };
}

/**
 * Zero-lag EMA: EMA of close + (close − close[lag]), lag = ⌊(period − 1)/2⌋ (Ehlers & Way, "Zero
 * Lag (Well, Almost)", TASC 2010; https://en.wikipedia.org/wiki/Zero_lag_exponential_moving_average).
 * The EMA is seeded with the SMA of its first `period` inputs. Not in TA-Lib.
 */
export function zlemaCore(period: number): IndicatorCore {
  const lag = Math.floor((period - 1) / 2);
  const closes = new RingBuffer(lag + 1);
  const ema = new ExponentialAverage(period);
  return {
    warmup: lag + period - 1,
    update(bar, commit) {
      const ready = closes.length >= lag;
      const lagged = closes.oldestWith(bar.close);
      if (commit) closes.push(bar.close);
      if (!ready) return null;
      const value = ema.update(2 * bar.close - lagged, commit);
      return value === null ? null : { zlema: value };
    },
  };
}

/**
 * Volume-weighted moving average: Σ(close·volume)/Σ(volume) over `period` bars. A window without
 * volume falls back to the plain mean of its closes (equal weights) rather than dividing by zero.
 * Not in TA-Lib.
 */
export function vwmaCore(period: number): IndicatorCore {
  const weighted = new RollingSum(period);
  const volumes = new RollingSum(period);
  const closes = new RollingSum(period);
  return {
    warmup: period - 1,
    update(bar, commit) {
      const pv = weighted.update(bar.close * bar.volume, commit);
      const vol = volumes.update(bar.volume, commit);
      const plain = closes.update(bar.close, commit);
      if (pv === null || vol === null || plain === null) return null;
      return { vwma: vol > 0 ? pv / vol : plain / period };
    },
  };
}
