import { runBacktest, type BacktestSignal } from '../../core/models/backtest';
import { walkForwardSignals } from '../../core/models/signals';
import { parseArgs, single } from '../args';
import { UsageError, type CliIo, type Command } from '../command';
import { withOutput } from '../read-lines';
import { readForecastBars } from '../candle-rows';
import { SIGNAL_FLAGS, SIGNAL_FLAGS_HELP, nonNegativeNumber, signalOptions } from './signals-options';

const HELP = `Usage: npm run --silent cli -- backtest --candles FILE [--fee-bps 10] [--slippage-bps 2] [--horizon 20] [--cost-bps C] [--forecast M] [--seed N] [--out report.json]

Backtests the walk-forward signals \`signals\` prints for the same flags (same file, horizon,
cost and seed give the same signals). Trades one at a time with the whole equity: in at the signal
bar's close, out at the target or the stop from the next bar on (the stop when both are in one bar,
the open when a bar gaps through), else at the close H bars later; signals while a trade is open
are skipped. Fees and slippage are charged on both sides. Compared with buy-and-hold over the same
bars and with random signals of the same frequency (20 seeded runs: coin-flip direction, the same
stop and target distances).

Flags:
${SIGNAL_FLAGS_HELP}
  --fee-bps F       Fee per side in basis points (default 10).
  --slippage-bps S  Slippage per side in basis points, against the trade (default 2).
  --out FILE        Write the JSON here instead of to stdout (- is stdout); replaced atomically.

Output (one line of JSON):
  {"bars","fee_bps","slippage_bps","signals":{"buy","sell","hold"},
   "strategy":{"trades","win_rate","pnl","sharpe","max_drawdown","turnover_per_day","exposure",
               "hit_rate","judged_signals"},
   "buy_and_hold":{"pnl","sharpe","max_drawdown"},
   "random":{"runs","trade_rate","pnl_mean","pnl_min","pnl_max","sharpe_mean","win_rate_mean","trades_mean"},
   "reliability":[{"lo","hi","n","mean_confidence","worked"}..],"calibration_error",
   "candidate_reliability":[..],"candidate_calibration_error","candidate_hit_rate"}
  pnl is the total return (0.1 = +10 %); sharpe annualised from per-bar equity (bar length from the
  file), risk-free 0; max_drawdown a fraction of the peak; win_rate counts trades with a positive net
  return; hit_rate is the outcome definition over every BUY/SELL signal (taken or skipped);
  reliability bins BUY/SELL signals by confidence (0.1 wide): worked is the fraction that worked.
  candidate_* do the same over every bar's candidate trade, HOLD rows included (what the
  confidence is calibrated on).

Errors: a bad flag exits 2; a malformed row exits 1 naming its file and line. On any error nothing
is written.

Example:
  npm run --silent cli -- backtest --candles btc-1m.csv --fee-bps 10 --slippage-bps 2 --out report.json
`;

export const backtestCommand: Command = {
  name: 'backtest',
  summary: 'Backtest the walk-forward signals with fees and slippage vs buy-and-hold and random signals',
  help: HELP,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, { values: [...SIGNAL_FLAGS, 'fee-bps', 'slippage-bps', 'out'] });
    if (args.positional.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(args.positional[0])}`);
    const candles = single(args, 'candles');
    if (candles === undefined) throw new UsageError('--candles is required');
    const options = signalOptions(args);
    const feeBps = nonNegativeNumber(args, 'fee-bps', 10);
    const slippageBps = nonNegativeNumber(args, 'slippage-bps', 2);
    const bars = await readForecastBars(io, candles);
    const signals: BacktestSignal[] = [];
    const { inputs } = await walkForwardSignals(bars, options, (s) => {
      signals.push({
        action: s.action,
        confidence: s.confidence,
        entry: s.entry,
        stop: s.stop,
        target: s.target,
        horizon: s.horizon,
      });
    });
    const report = {
      ...runBacktest(bars, signals, { feeBps, slippageBps }),
      horizon: options.horizon,
      cost_bps: options.costBps,
      inputs,
    };
    await withOutput(io, single(args, 'out'), async (write) => write(`${JSON.stringify(report)}\n`));
    return 0;
  },
};
