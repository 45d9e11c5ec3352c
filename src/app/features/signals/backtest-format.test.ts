import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../core/models/backtest';
import { backtestLines } from './backtest-format';

const bars = [...Array(60).keys()].map((i) => {
  const close = 100 + i * 0.5;
  return { openTimeMs: i * 60_000, open: close - 0.5, high: close + 0.2, low: close - 0.7, close, volume: 1 };
});
const hold = { action: 'HOLD' as const, confidence: 0.55, entry: 1, stop: 0.9, target: 1.2, horizon: 5 };

describe('backtest lines', () => {
  it('says a run without trades plainly, with buy-and-hold and the candidates beside it', () => {
    const signals = bars.map((b) => ({ ...hold, entry: b.close, stop: b.close - 1, target: b.close + 1.5 }));
    const lines = backtestLines(runBacktest(bars, signals, { feeBps: 10, slippageBps: 2 }));
    expect(lines.head).toBe(
      'Backtest of the replay on 60 stored bars (fee 10 bp, slippage 2 bp a side; decided without a forecast input)',
    );
    expect(lines.strategy).toBe('Strategy: no trade — HOLD on every bar');
    expect(lines.baselines).toMatch(
      /^Buy-and-hold: P&L \+2\d\.\d\d %, max drawdown 0 % · random signals: none at a 0 % trade rate$/,
    );
    // A steady rise: every BUY candidate reaches its target.
    expect(lines.calibration).toBe(
      "Candidates (each bar's best trade, HOLDs included): 100 % of 57 worked; calibration error 0.450 (0 = confidence equals the hit rate)",
    );
  });

  it('gives the trades, P&L, Sharpe, drawdown and hit rate, and the random baseline at the same rate', () => {
    const signals = bars.map((b, i) => ({
      ...hold,
      action: i % 10 === 0 ? ('BUY' as const) : ('HOLD' as const),
      entry: b.close,
      stop: b.close - 1,
      target: b.close + 1.5,
    }));
    const lines = backtestLines(runBacktest(bars, signals, { feeBps: 10, slippageBps: 2 }));
    expect(lines.strategy).toMatch(
      /^Strategy: \d+ trades, P&L \+\d+\.\d\d %, Sharpe -?\d+\.\d\d, max drawdown \d+ %, 100 % worked of 6 judged$/,
    );
    expect(lines.baselines).toMatch(
      /random signals at the same rate: P&L [+−]\d+\.\d\d % on average \([+−]\d+\.\d\d % to [+−]\d+\.\d\d %, 20 runs\)$/,
    );
  });
});
