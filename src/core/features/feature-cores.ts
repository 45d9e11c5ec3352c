import type { IndicatorCore } from '../indicators/streaming-indicator';
import { Drawdown } from './drawdown';
import { LogReturn } from './log-return';
import { PercentileRank } from './percentile-rank';
import { CloseToCloseVolatility, ParkinsonVolatility } from './realized-volatility';
import { RollingMean, RollingStd } from './rolling-stats';
import { ZScore } from './z-score';

/** Statistical features as streaming indicators (same add/replace/warm-up contract), on close unless noted. */

/** One-bar log return of close. */
export function logReturnCore(): IndicatorCore {
  const returns = new LogReturn();
  return {
    warmup: 1,
    update(bar, commit) {
      const r = returns.update(bar.close, commit);
      return r === null ? null : { logret: r };
    },
  };
}

/** Rolling mean of the last `period` log returns. */
export function returnMeanCore(period: number): IndicatorCore {
  const returns = new LogReturn();
  const average = new RollingMean(period);
  return {
    warmup: period,
    update(bar, commit) {
      const r = returns.update(bar.close, commit);
      const value = r === null ? null : average.update(r, commit);
      return value === null ? null : { rmean: value };
    },
  };
}

/** Rolling sample standard deviation of the last `period` log returns. */
export function returnStdCore(period: number): IndicatorCore {
  const returns = new LogReturn();
  const std = new RollingStd(period);
  return {
    warmup: period,
    update(bar, commit) {
      const r = returns.update(bar.close, commit);
      const value = r === null ? null : std.update(r, commit);
      return value === null ? null : { rstd: value };
    },
  };
}

/** Z-score of close within its last `period` closes. */
export function zScoreCore(period: number): IndicatorCore {
  const z = new ZScore(period);
  return {
    warmup: period - 1,
    update(bar, commit) {
      const value = z.update(bar.close, commit);
      return value === null ? null : { zscore: value };
    },
  };
}

/** Percentile rank of close among the previous `period` closes. */
export function percentileRankCore(period: number): IndicatorCore {
  const rank = new PercentileRank(period);
  return {
    warmup: period,
    update(bar, commit) {
      const value = rank.update(bar.close, commit);
      return value === null ? null : { pctrank: value };
    },
  };
}

/** Close-to-close realised volatility over `period` returns. */
export function realizedVolatilityCore(period: number): IndicatorCore {
  const volatility = new CloseToCloseVolatility(period);
  return {
    warmup: period,
    update(bar, commit) {
      const value = volatility.update(bar, commit);
      return value === null ? null : { rvol: value };
    },
  };
}

/** Parkinson high-low volatility over `period` bars. */
export function parkinsonCore(period: number): IndicatorCore {
  const volatility = new ParkinsonVolatility(period);
  return {
    warmup: period - 1,
    update(bar, commit) {
      const value = volatility.update(bar, commit);
      return value === null ? null : { parkinson: value };
    },
  };
}

/** Drawdown of close from its running peak, and the deepest one so far. */
export function drawdownCore(): IndicatorCore {
  const drawdown = new Drawdown();
  return {
    warmup: 0,
    update(bar, commit) {
      const value = drawdown.update(bar.close, commit);
      return { drawdown: value.drawdown, max: value.max };
    },
  };
}
