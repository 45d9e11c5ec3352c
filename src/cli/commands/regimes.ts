import { createRegimeFilter, fitRegimeModel, REALISED_VOL_WINDOW } from '../../core/models/regimes';
import { parseArgs, positiveInt, single } from '../args';
import { InputError, UsageError, type CliIo, type Command } from '../command';
import { withOutput } from '../read-lines';
import { readForecastBars } from '../candle-rows';

const HELP = `Usage: npm run --silent cli -- regimes --candles FILE --states K [--seed N] [--out FILE]

Fits a Gaussian hidden Markov model (K states, diagonal covariances) to a candles CSV by EM
(Baum–Welch) from 5 seeded starts, keeping the best log-likelihood, then runs the forward filter
bar by bar: each row's probabilities use the bars up to and including that row only (causal,
filtered, never smoothed). The parameters are fitted on the whole file, as stored history is in
the app.

Features per bar: the log return of the close, and the log of the realised volatility (root mean
square of the last ${REALISED_VOL_WINDOW} log returns). States are numbered by ascending mean realised
volatility: state 0 is the calmest.

Flags:
  --candles FILE   Input candles CSV: the layouts \`indicators\` reads (its --help lists them).
  --states K       Number of states, 2 or 3 (1..5 accepted).
  --seed N         Seed of the EM starting points (default 1); same seed, same output.
  --out FILE       Write the CSV here (replaced atomically); the JSON summary then goes to stdout.

Output (CSV, "\\n" line ends): open_time_ms,state,p0,…,p{K-1}
  One row per bar; state and probabilities are empty for the first ${REALISED_VOL_WINDOW} bars (the volatility
  window warming up). state is the most probable filtered state.
Summary (one line of JSON on stderr, or on stdout with --out):
  {"states":K,"features":["log_return","log_realised_vol"],"window":${REALISED_VOL_WINDOW},"means":[[..]..],
   "variances":[[..]..],"transition":[[..]..],"initial":[..],"loglik":..,"iterations":N,
   "converged":true,"start_logliks":[..],"bars":N}
  means and variances are per state, per feature; transition[i][j] = P(j next | i now); loglik is
  the log-likelihood of the features under the fitted model.

Errors: a bad flag exits 2; a malformed row exits 1 naming its file and line; too few bars
(10 per state after the warm-up) or a constant price exits 1. On any error nothing is written.

Example:
  npm run --silent cli -- regimes --candles btc-1m.csv --states 2 --out regimes.csv > regimes.json
`;

export const regimesCommand: Command = {
  name: 'regimes',
  summary: 'Fit a Gaussian HMM (returns, realised volatility) and print causal filtered regime probabilities',
  help: HELP,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, { values: ['candles', 'states', 'seed', 'out'] });
    if (args.positional.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(args.positional[0])}`);
    const candles = single(args, 'candles');
    if (candles === undefined) throw new UsageError('--candles is required');
    if (single(args, 'states') === undefined) throw new UsageError('--states is required (2 or 3)');
    const states = positiveInt(args, 'states', 2);
    if (states > 5) throw new UsageError(`--states must be 1..5, got ${states}`);
    const seed = nonNegativeInt(single(args, 'seed'), 'seed', 1);
    const out = single(args, 'out');
    const bars = await readForecastBars(io, candles);
    let fitted;
    try {
      fitted = fitRegimeModel(bars, { states, seed, starts: 5 });
    } catch (error) {
      throw new InputError(`${candles}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const { model, fit } = fitted;
    const summary = JSON.stringify({
      states,
      features: ['log_return', 'log_realised_vol'],
      window: model.window,
      means: model.hmm.means,
      variances: model.hmm.variances,
      transition: model.hmm.transition,
      initial: model.hmm.initial,
      loglik: fit.logLikelihood,
      iterations: fit.iterations,
      converged: fit.converged,
      start_logliks: fit.startLogLikelihoods,
      bars: bars.length,
    });
    const header = ['open_time_ms', 'state', ...[...Array(states).keys()].map((k) => `p${k}`)].join(',');
    const filter = createRegimeFilter(model);
    await withOutput(io, out, async (write) => {
      await write(`${header}\n`);
      for (const bar of bars) {
        const state = filter.observe(bar);
        const cells = state === null ? ['', ...Array<string>(states).fill('')] : [state.state, ...state.probabilities];
        await write(`${bar.openTimeMs},${cells.join(',')}\n`);
      }
    });
    if (out === undefined || out === '-') io.stderr(`${summary}\n`);
    else io.stdout(`${summary}\n`);
    return 0;
  },
};

/** An integer ≥ 0 flag (a seed); a UsageError otherwise. */
export function nonNegativeInt(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n))
    throw new UsageError(`--${name} must be an integer >= 0, got ${JSON.stringify(text)}`);
  return n;
}
