import { parseArgs, positiveInt, single } from '../args';
import { CandleRowCursor } from '../candle-rows';
import { InputError, UsageError, type CliIo, type Command } from '../command';
import { withOutput } from '../read-lines';
import type { CandleCsvRow } from '../../core/csv/candles-csv-reader';
import { PairAnalytics } from '../../core/stats/pair-analytics';
import { pairSummary, type PairSummary } from '../../core/stats/pair-summary';

const DEFAULT_WINDOW = 100;
const TAPEWATCH_HEADER = 'open_time_ms,open,high,low,close,volume,quote_volume,buy_volume,sell_volume,trades';
/** The output layout; a contract users script against. */
export const PAIR_CSV_HEADER =
  'open_time_ms,a_close,b_close,ols_beta,ols_alpha,kalman_beta,kalman_alpha,spread,zscore,correlation';

const HELP = `Usage: npm run --silent cli -- pair --a FILE --b FILE [--window N] [--out FILE]

Pair analytics of two instruments' candles (any venues, same timeframe): rolling and Kalman hedge
ratios, spread, spread z-score and return correlation per bar, plus whole-sample OLS, ADF,
Engle-Granger cointegration and half-life. The regression is a = alpha + beta·b: a is the leg
being hedged, b the hedge.

Flags:
  --a FILE       candles of instrument a (required)
  --b FILE       candles of instrument b (required)
  --window N     bars in the rolling OLS, the z-score and the correlation (default ${DEFAULT_WINDOW}, >= 2)
  --out FILE     write the per-bar CSV here; the JSON summary then goes to stdout
                 (- means stdout, summary on stderr; a symlink's target is replaced, a device
                 or pipe written through)

Where the output goes:
  with --out     CSV -> FILE, JSON summary -> stdout
  without --out  CSV -> stdout, JSON summary -> stderr (one line)
  Nothing is written unless the whole run succeeds.

Input layouts (detected per file from its first line; close prices are used):
  ${TAPEWATCH_HEADER}
      with that header line, as the candles command writes it
  open_time,open,high,low,close,volume,close_time,quote_volume,trades,taker_buy_base,taker_buy_quote,ignore
      Binance klines, headerless as Binance publishes them (a header row is skipped);
      open_time in ms, or µs as in Binance's files since 2025 (values > 1e14 are µs)
  any header naming open_time_ms, open, high, low, close and volume (any order, other columns
      ignored; the \`indicators\` command's --help lists the names)
  Numbers are decimal or exponent notation with a finite value; volumes must be valid too.
  Open times must strictly increase. The two files are inner-joined on open time: bars only
  one side has (gaps, halts) are dropped. A run needs at least 30 common bars.

Output CSV, one row per common bar, oldest first (cells are empty during warm-up):
  ${PAIR_CSV_HEADER}
  a_close, b_close  the input's close text
  ols_beta, ols_alpha
                    rolling OLS a = alpha + beta·b over the last N bars, this bar included
                    (from row N)
  kalman_beta, kalman_alpha
                    Kalman-filter hedge ratio, state [beta, alpha] a random walk (Chan 2013):
                    Chan's delta 1e-4 (Vw = delta/(1-delta)·I) and Ve 1e-3, zero initial state;
                    from row 2
  spread            a − ols_beta·b − ols_alpha with this row's rolling hedge (no look-ahead)
  zscore            (spread − mean) / sample sd over the last N spreads (from row 2N−1)
  correlation       Pearson correlation of the log returns of a and b over the last N returns
                    (from row N+1)
  Numbers are printed at full double precision.

JSON summary (whole sample; null where undefined):
  {"bars":N,"ols":{"beta":..,"alpha":..},
   "adf":{"statistic":..,"pvalue":..,"usedlag":..,"critical":{"1%":..,"5%":..,"10%":..}},
   "coint":{"statistic":..,"pvalue":..},"halfLifeBars":..}
  ols           full-sample a = alpha + beta·b
  adf           augmented Dickey-Fuller test of the OLS spread, constant, lag by AIC up to
                12·(bars/100)^¼, MacKinnon p-value (as statsmodels adfuller); it treats beta
                as known, so it overstates significance
  coint         Engle-Granger test of a on b with constant (as statsmodels coint); prefer this
                p-value to judge cointegration
  halfLifeBars  −ln 2 / lambda from Δspread = c + lambda·spread(−1); null if lambda >= 0
  If a is an exact linear function of b (e.g. the same file twice) the spread is constant:
  the adf fields and halfLifeBars are null and coint is {"statistic":null,"pvalue":0}.

A bad row stops the run with its file and line number and exit code 1.
`;

/** Pairs of rows of two candle files with equal open times, oldest first (an inner join). */
async function joinRows(
  io: CliIo,
  pathA: string,
  pathB: string,
  onPair: (a: CandleCsvRow, b: CandleCsvRow) => Promise<void> | void,
): Promise<void> {
  const left = new CandleRowCursor(io, pathA);
  const right = new CandleRowCursor(io, pathB);
  let a = await left.next();
  let b = await right.next();
  while (a !== null && b !== null) {
    if (a.timeMs < b.timeMs) a = await left.next();
    else if (b.timeMs < a.timeMs) b = await right.next();
    else {
      const done = onPair(a, b);
      if (done !== undefined) await done;
      a = await left.next();
      b = await right.next();
    }
  }
  // Read both files to the end: a bad row after the last common bar still refuses the run.
  while (a !== null) a = await left.next();
  while (b !== null) b = await right.next();
}

/** A growable array of doubles: the aligned closes, 8 bytes a bar. */
class Doubles {
  values = new Float64Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = x;
  }
  view(): Float64Array {
    return this.values.subarray(0, this.length);
  }
}

const cell = (x: number | null): string => (x === null ? '' : String(x));
/** JSON has no infinities; they become null like other undefined values. */
const num = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : x);

export const pairCommand: Command = {
  name: 'pair',
  summary: 'hedge ratios, spread, z-score, correlation and cointegration of two candle files',
  help: HELP,
  async run(argv, io) {
    const args = parseArgs(argv, { values: ['a', 'b', 'window', 'out'], required: ['a', 'b'] });
    if (args.positional.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(args.positional[0])}`);
    const window = positiveInt(args, 'window', DEFAULT_WINDOW);
    if (window < 2) throw new UsageError('--window must be at least 2');
    const pathA = single(args, 'a') as string;
    const pathB = single(args, 'b') as string;
    // Pass 1 validates both files and keeps only the aligned closes as doubles for the summary.
    const closesA = new Doubles();
    const closesB = new Doubles();
    await joinRows(io, pathA, pathB, (ra, rb) => {
      closesA.push(ra.close);
      closesB.push(rb.close);
    });
    const a = closesA.view();
    const b = closesB.view();
    if (a.length < 30) {
      throw new InputError(`${pathA} and ${pathB} share ${a.length} open times; at least 30 are needed`);
    }
    if (b.every((v) => v === b[0])) {
      throw new InputError(`${pathB}: the close never changes over the common bars; nothing can hedge with it`);
    }
    let summary: PairSummary;
    try {
      summary = pairSummary(a, b);
    } catch (error) {
      if (error instanceof RangeError) throw new InputError(`cannot compute the summary: ${error.message}`);
      throw error;
    }
    const json = `${JSON.stringify({
      bars: summary.bars,
      ols: { beta: summary.ols.beta, alpha: summary.ols.alpha },
      adf: {
        statistic: num(summary.adf?.statistic ?? null),
        pvalue: num(summary.adf?.pvalue ?? null),
        usedlag: summary.adf?.usedlag ?? null,
        critical: summary.adf?.critical ?? { '1%': null, '5%': null, '10%': null },
      },
      coint: { statistic: num(summary.coint.statistic), pvalue: num(summary.coint.pvalue) },
      halfLifeBars: num(summary.halfLifeBars),
    })}\n`;

    // Pass 2 streams the per-bar rows: everything that can fail was checked in pass 1.
    const out = single(args, 'out');
    const analytics = new PairAnalytics({ window });
    await withOutput(io, out, async (write) => {
      await write(`${PAIR_CSV_HEADER}\n`);
      await joinRows(io, pathA, pathB, (ra, rb) => {
        const p = analytics.add(ra.close, rb.close);
        return write(
          `${ra.timeMs},${ra.closeText},${rb.closeText},${cell(p.olsBeta)},${cell(p.olsAlpha)},${cell(p.kalmanBeta)},${cell(p.kalmanAlpha)},${cell(p.spread)},${cell(p.zscore)},${cell(p.correlation)}\n`,
        );
      });
    });
    if (out === undefined || out === '-') io.stderr(json);
    else io.stdout(json);
    return 0;
  },
};
