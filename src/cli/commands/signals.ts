import { SIGNAL_DEFAULTS, walkForwardSignals } from '../../core/models/signals';
import { WALK_FORWARD_DEFAULTS } from '../../core/models/signals/walk-forward-signals';
import { parseArgs, single } from '../args';
import { UsageError, type CliIo, type Command } from '../command';
import { withOutput } from '../read-lines';
import { readForecastBars } from '../candle-rows';
import { SIGNAL_FLAGS, SIGNAL_FLAGS_HELP, signalOptions } from './signals-options';

const HELP = `Usage: npm run --silent cli -- signals --candles FILE [--horizon 20] [--cost-bps C] [--forecast M] [--seed N] [--out FILE]

Walk-forward BUY / SELL / HOLD signals at the close of every bar, each using the bars up to its own
only. Inputs: trend (EMA 12 vs EMA 48 in ATR), RSI 14 (mean reversion) and, from bar
${WALK_FORWARD_DEFAULTS.regimeFitBars} on, a 2-state Gaussian HMM regime fitted on the first ${WALK_FORWARD_DEFAULTS.regimeFitBars} bars and filtered
online. Every bar gets a candidate trade in the direction of its score with a stop ${SIGNAL_DEFAULTS.stopAtr} ATR(14)
away and a target ${SIGNAL_DEFAULTS.targetAtr} ATR away. Its confidence is the probability that such a trade works,
calibrated (isotonic, per regime) on candidates already judged by the outcome definition: a BUY
(SELL) works if, from the next bar on and within H bars, the high (low) reaches the target before
the low (high) reaches the stop; both in one bar fails; neither is judged by the sign of the close
H bars later. It is a BUY or SELL once ${SIGNAL_DEFAULTS.minSamples} candidates of its regime have been judged and its
expected value (mean realised R multiple × risk − cost) is positive; otherwise HOLD.

Flags:
${SIGNAL_FLAGS_HELP}
  --out FILE        Write the CSV here instead of to stdout (- is stdout); replaced atomically.

Output (CSV, "\\n" line ends): open_time_ms,action,confidence,entry,stop,target,risk_reward,kelly
  One row per bar. action BUY|SELL|HOLD; confidence in [0, 1] (0 while the indicators warm up);
  entry the bar's close; stop and target the candidate's levels (also on HOLD rows, for display;
  equal to entry while warming up); risk_reward = target distance / stop distance; kelly the capped
  (${SIGNAL_DEFAULTS.kellyCap}) Kelly fraction p − (1 − p) / risk_reward, 0 on HOLD.
Summary (one line of JSON on stderr): {"bars":N,"buy":N,"sell":N,"hold":N,"inputs":[..]}

Errors: a bad flag exits 2; a malformed row exits 1 naming its file and line. On any error nothing
is written.

Example:
  npm run --silent cli -- signals --candles btc-1m.csv --out signals.csv
`;

export const signalsCommand: Command = {
  name: 'signals',
  summary: 'Walk-forward calibrated BUY/SELL/HOLD signals with ATR stop, target and Kelly fraction',
  help: HELP,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, { values: [...SIGNAL_FLAGS, 'out'] });
    if (args.positional.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(args.positional[0])}`);
    const candles = single(args, 'candles');
    if (candles === undefined) throw new UsageError('--candles is required');
    const options = signalOptions(args);
    const bars = await readForecastBars(io, candles);
    const counts = { BUY: 0, SELL: 0, HOLD: 0 };
    let inputs: string[] = [];
    await withOutput(io, single(args, 'out'), async (write) => {
      await write('open_time_ms,action,confidence,entry,stop,target,risk_reward,kelly\n');
      ({ inputs } = await walkForwardSignals(bars, options, async (s) => {
        counts[s.action]++;
        await write(
          `${s.openTimeMs},${s.action},${s.confidence},${s.entry},${s.stop},${s.target},${s.riskReward},${s.kelly}\n`,
        );
      }));
    });
    io.stderr(
      `${JSON.stringify({ bars: bars.length, buy: counts.BUY, sell: counts.SELL, hold: counts.HOLD, inputs })}\n`,
    );
    return 0;
  },
};
