import type { BacktestReport } from '../../../core/models/backtest';
import { percentText } from './signal-format';

function signed(x: number): string {
  return `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(2)} %`;
}

/**
 * The replay's backtest as the panel says it: the strategy, the baselines on the same bars with
 * the same costs, and how calibrated the confidence of every bar's candidate trade was.
 */
export function backtestLines(r: BacktestReport): {
  head: string;
  strategy: string;
  baselines: string;
  calibration: string;
} {
  const s = r.strategy;
  const head =
    `Backtest of the replay on ${r.bars} stored bars (fee ${r.fee_bps} bp, slippage ${r.slippage_bps} bp ` +
    `a side; decided without a forecast input)`;
  const strategy =
    s.trades === 0
      ? 'Strategy: no trade — HOLD on every bar'
      : `Strategy: ${s.trades} trade${s.trades === 1 ? '' : 's'}, P&L ${signed(s.pnl)}, Sharpe ${s.sharpe.toFixed(2)}, ` +
        `max drawdown ${percentText(s.max_drawdown)}` +
        (s.hit_rate === null ? '' : `, ${percentText(s.hit_rate)} worked of ${s.judged_signals} judged`);
  const random =
    r.random.trade_rate === 0
      ? 'random signals: none at a 0 % trade rate'
      : `random signals at the same rate: P&L ${signed(r.random.pnl_mean)} on average ` +
        `(${signed(r.random.pnl_min)} to ${signed(r.random.pnl_max)}, ${r.random.runs} runs)`;
  const baselines = `Buy-and-hold: P&L ${signed(r.buy_and_hold.pnl)}, max drawdown ${percentText(r.buy_and_hold.max_drawdown)} · ${random}`;
  const judged = r.candidate_reliability.reduce((n, b) => n + b.n, 0);
  const calibration =
    judged === 0 || r.candidate_hit_rate === null
      ? 'Candidates: none judged yet'
      : `Candidates (each bar's best trade, HOLDs included): ${percentText(r.candidate_hit_rate)} of ${judged} ` +
        `worked; calibration error ${r.candidate_calibration_error.toFixed(3)} (0 = confidence equals the hit rate)`;
  return { head, strategy, baselines, calibration };
}
