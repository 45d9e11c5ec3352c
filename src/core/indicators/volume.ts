import { takerVolumes, typicalPrice, type BarInput } from './bar-input';
import { ExponentialAverage } from './exponential-average';
import type { IndicatorCore } from './streaming-indicator';

const DAY_MS = 86_400_000;

/**
 * On-balance volume as TA-Lib's OBV: starts at the first bar's volume, then adds the volume on
 * an up close and subtracts it on a down close. (Granville's running total is often started at 0
 * instead; only the offset differs.)
 */
export function obvCore(): IndicatorCore {
  let previous: { close: number; obv: number } | null = null;
  return {
    warmup: 0,
    update(bar, commit) {
      let obv = bar.volume;
      if (previous !== null) {
        const sign = bar.close > previous.close ? 1 : bar.close < previous.close ? -1 : 0;
        obv = previous.obv + sign * bar.volume;
      }
      if (commit) previous = { close: bar.close, obv };
      return { obv };
    },
  };
}

/** Money-flow volume of a bar, the A/D line's increment; 0 on a bar without range. */
function moneyFlowVolume(bar: BarInput): number {
  const range = bar.high - bar.low;
  return range > 0 ? ((bar.close - bar.low - (bar.high - bar.close)) / range) * bar.volume : 0;
}

/**
 * Chaikin A/D oscillator: EMA(fast) − EMA(slow) of the A/D line. As in TA-Lib's ADOSC both EMAs
 * are seeded with the first A/D value (not an SMA) and the first output comes after
 * max(fast, slow) − 1 bars.
 */
export function adoscCore(fast: number, slow: number): IndicatorCore {
  if (!(fast < slow)) throw new RangeError('adosc: fast must be below slow');
  const fastEma = new ExponentialAverage(fast, 2 / (fast + 1), 'first');
  const slowEma = new ExponentialAverage(slow, 2 / (slow + 1), 'first');
  let ad = 0;
  let bars = 0;
  return {
    warmup: slow - 1,
    update(bar, commit) {
      const line = ad + moneyFlowVolume(bar);
      const f = fastEma.update(line, commit) as number;
      const s = slowEma.update(line, commit) as number;
      const index = bars;
      if (commit) {
        ad = line;
        bars = Math.min(bars + 1, slow);
      }
      return index < slow - 1 ? null : { adosc: f - s };
    },
  };
}

/** Cumulative typical price × volume from some start; the common part of both VWAPs. */
class VwapAccumulator {
  private pv = 0;
  private volume = 0;
  private priceSum = 0;
  private count = 0;

  reset(): void {
    this.pv = 0;
    this.volume = 0;
    this.priceSum = 0;
    this.count = 0;
  }

  /**
   * VWAP including `bar`. While no volume has traded since the start it is the plain mean of
   * the typical prices, so it is defined from the first bar on.
   */
  update(bar: BarInput, commit: boolean): number {
    const tp = typicalPrice(bar);
    const pv = this.pv + tp * bar.volume;
    const volume = this.volume + bar.volume;
    const priceSum = this.priceSum + tp;
    const count = this.count + 1;
    if (commit) {
      this.pv = pv;
      this.volume = volume;
      this.priceSum = priceSum;
      this.count = count;
    }
    return volume > 0 ? pv / volume : priceSum / count;
  }
}

/**
 * Session VWAP: Σ(typical price · volume)/Σ(volume) since the session start, sessions starting
 * at 00:00 UTC (the bar whose open time is in a new UTC day starts a new sum). Not in TA-Lib.
 */
export function vwapCore(): IndicatorCore {
  const accumulator = new VwapAccumulator();
  let day: number | null = null;
  return {
    warmup: 0,
    update(bar, commit) {
      const barDay = Math.floor(bar.timeMs / DAY_MS);
      if (barDay !== day) {
        // A new session: a preview must not wipe the committed session, so preview on a copy.
        if (!commit) return { vwap: new VwapAccumulator().update(bar, false) };
        accumulator.reset();
        day = barDay;
      }
      return { vwap: accumulator.update(bar, commit) };
    },
  };
}

/**
 * VWAP anchored at `anchorMs`: accumulates from the first bar whose open time is at or after the
 * anchor; null before it (its warm-up is counted from the anchor). Anchor 0 = from the first bar.
 */
export function anchoredVwapCore(anchorMs: number): IndicatorCore {
  const accumulator = new VwapAccumulator();
  return {
    warmup: 0,
    update(bar, commit) {
      if (bar.timeMs < anchorMs) return null;
      return { avwap: accumulator.update(bar, commit) };
    },
  };
}

/**
 * Cumulative volume delta: running Σ(taker buy − taker sell volume) from the first bar, and the
 * bar's own `delta`. Needs the aggressor side: throws on a bar without buy/sell volume rather
 * than guessing it from the candle's colour. Not in TA-Lib.
 */
export function cvdCore(): IndicatorCore {
  let cvd = 0;
  return {
    warmup: 0,
    update(bar, commit) {
      const sides = takerVolumes(bar);
      if (sides === null) throw new RangeError('cvd needs taker buy/sell volume on every bar');
      const delta = sides.buy - sides.sell;
      const total = cvd + delta;
      if (commit) cvd = total;
      return { cvd: total, delta };
    },
  };
}
