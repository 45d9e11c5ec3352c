import { mulberry32 } from '../../demo/rng';
import type { ForecastBar } from '../forecast/forecaster';
import type { Signal } from '../signals/signal';
import { judgeSignal } from '../signals/signal-outcome';
import { barsPerYear, maxDrawdown, sharpeRatio } from './equity-stats';
import { calibrationError, reliabilityCurve } from './reliability';
import { simulateTrades, type Costs, type Simulation } from './trade-simulator';

export type BacktestSignal = Pick<Signal, 'action' | 'confidence' | 'entry' | 'stop' | 'target' | 'horizon'>;

export interface BacktestOptions extends Costs {
  /** Random-signal baselines to average (seeds 1..N). */
  readonly randomRuns?: number;
}

function summary(sim: Simulation, bars: readonly ForecastBar[], perYear: number) {
  const days = bars.length / (perYear / 365);
  const wins = sim.trades.filter((t) => t.netReturn > 0).length;
  return {
    trades: sim.trades.length,
    win_rate: sim.trades.length ? wins / sim.trades.length : 0,
    pnl: (sim.equity[sim.equity.length - 1] ?? 1) - 1,
    sharpe: sharpeRatio(sim.equity, perYear),
    max_drawdown: maxDrawdown(sim.equity),
    // Whole-equity position changes (in and out count one each) per day.
    turnover_per_day: (2 * sim.trades.length) / days,
    exposure: sim.exposureBars / bars.length,
  };
}

/** Was each BUY/SELL a worked trade by the outcome definition (null: not judged by the end). */
function outcomes(bars: readonly ForecastBar[], signals: readonly BacktestSignal[], includeHold: boolean) {
  const points: { confidence: number; worked: boolean }[] = [];
  signals.forEach((s, t) => {
    let action = s.action;
    if (action === 'HOLD') {
      if (!includeHold || s.target === s.entry) return;
      action = s.target > s.entry ? 'BUY' : 'SELL'; // the candidate behind a HOLD
    }
    const o = judgeSignal(
      { action, entry: s.entry, stop: s.stop, target: s.target },
      bars.slice(t + 1, t + 1 + s.horizon),
      s.horizon,
    );
    if (o !== null) points.push({ confidence: s.confidence, worked: o.worked });
  });
  return points;
}

/**
 * Backtest of index-aligned signals (signals[t] decided at the close of bars[t]): the strategy,
 * buy-and-hold over the same bars, and random signals of the same frequency (each bar a trade with
 * the strategy's trade rate, direction a coin flip, the same ATR stop and target distances as that
 * bar's candidate), all with the same fees and slippage; plus hit rates and reliability curves by
 * the outcome definition.
 */
export function runBacktest(
  bars: readonly ForecastBar[],
  signals: readonly BacktestSignal[],
  options: BacktestOptions,
) {
  const perYear = barsPerYear(bars.map((b) => b.openTimeMs));
  const strategy = simulateTrades(bars, signals, options);
  const traded = outcomes(bars, signals, false);
  const candidates = outcomes(bars, signals, true);
  const active = signals.filter((s) => s.action !== 'HOLD').length;
  const rate = active / Math.max(1, signals.length);
  const runs = options.randomRuns ?? 20;
  const random = [...Array(runs).keys()].map((seed) => {
    const draw = mulberry32(seed + 1);
    const randomSignals = signals.map((s) => {
      if (s.target === s.entry || draw() >= rate) return null;
      const buy = draw() < 0.5;
      const risk = Math.abs(s.entry - s.stop);
      const reward = Math.abs(s.target - s.entry);
      return {
        action: buy ? ('BUY' as const) : ('SELL' as const),
        stop: buy ? s.entry - risk : s.entry + risk,
        target: buy ? s.entry + reward : s.entry - reward,
        horizon: s.horizon,
      };
    });
    return summary(simulateTrades(bars, randomSignals, options), bars, perYear);
  });
  const hold = new Float64Array(bars.length);
  const first = bars[0]?.close ?? 1;
  const side = (1 - options.feeBps / 10_000) * (1 - options.slippageBps / 10_000);
  bars.forEach((b, i) => (hold[i] = (side * b.close) / first));
  if (bars.length > 0) hold[bars.length - 1] = (hold[bars.length - 1] as number) * side;
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const reliability = reliabilityCurve(traded);
  const candidateReliability = reliabilityCurve(candidates);
  return {
    bars: bars.length,
    fee_bps: options.feeBps,
    slippage_bps: options.slippageBps,
    signals: {
      buy: signals.filter((s) => s.action === 'BUY').length,
      sell: signals.filter((s) => s.action === 'SELL').length,
      hold: signals.filter((s) => s.action === 'HOLD').length,
    },
    strategy: {
      ...summary(strategy, bars, perYear),
      hit_rate: traded.length ? traded.filter((p) => p.worked).length / traded.length : null,
      judged_signals: traded.length,
    },
    buy_and_hold: {
      pnl: (hold[hold.length - 1] ?? 1) - 1,
      sharpe: sharpeRatio(hold, perYear),
      max_drawdown: maxDrawdown(hold),
    },
    random: {
      runs,
      trade_rate: rate,
      pnl_mean: mean(random.map((r) => r.pnl)),
      pnl_min: Math.min(...random.map((r) => r.pnl)),
      pnl_max: Math.max(...random.map((r) => r.pnl)),
      sharpe_mean: mean(random.map((r) => r.sharpe)),
      win_rate_mean: mean(random.map((r) => r.win_rate)),
      trades_mean: mean(random.map((r) => r.trades)),
    },
    reliability,
    calibration_error: calibrationError(reliability),
    candidate_reliability: candidateReliability,
    candidate_calibration_error: calibrationError(candidateReliability),
    candidate_hit_rate: candidates.length ? candidates.filter((p) => p.worked).length / candidates.length : null,
  };
}

export type BacktestReport = ReturnType<typeof runBacktest>;
