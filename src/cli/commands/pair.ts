import { parseArgs, positiveInt, single } from '../args';
import { InputError, UsageError, type Command } from '../command';
import { isPositive, parseDecimal, toNumber } from '../../core/decimal/decimal';
import { alignByOpenTime } from '../../core/stats/align';
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

interface CloseBar {
  readonly openTimeMs: number;
  readonly closeText: string;
  readonly close: number;
}

function* nonEmptyLines(text: string): Generator<[number, string]> {
  let start = 0;
  let number = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    number++;
    let line = text.slice(start, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim().length > 0) yield [number, line];
    start = end + 1;
  }
}

const INTEGER = /^\d+$/;
/** Price cells checked on every row (same positions in both layouts). */
const PRICE_COLUMNS = [
  [1, 'open'],
  [2, 'high'],
  [3, 'low'],
  [4, 'close'],
] as const;

/** Parses either supported layout into close prices; throws InputError naming file and line. */
function parseCloses(text: string, path: string): CloseBar[] {
  const bars: CloseBar[] = [];
  let columns = 0;
  const bad = (line: number, reason: string): InputError => new InputError(`${path}: line ${line}: ${reason}`);
  // A byte-order mark from spreadsheet exports would hide the header.
  for (const [lineNo, line] of nonEmptyLines(text.startsWith('\uFEFF') ? text.slice(1) : text)) {
    const cells = line.split(',');
    if (columns === 0) {
      if (line.trim() === TAPEWATCH_HEADER) {
        columns = 10;
        continue;
      }
      if (cells.length === 12) {
        columns = 12;
        if (cells[0]?.trim() === 'open_time') continue; // Binance header row
      } else {
        throw bad(lineNo, `not a candles file: expected the header ${TAPEWATCH_HEADER} or 12-column Binance klines`);
      }
    }
    if (cells.length !== columns) throw bad(lineNo, `expected ${columns} columns, got ${cells.length}`);
    const timeText = (cells[0] as string).trim();
    if (!INTEGER.test(timeText)) throw bad(lineNo, `open time ${JSON.stringify(timeText)} is not an integer`);
    let openTimeMs = Number(timeText);
    if (openTimeMs > 1e14) openTimeMs = Math.floor(openTimeMs / 1000);
    if (!Number.isSafeInteger(openTimeMs)) throw bad(lineNo, `open time ${timeText} is out of range`);
    let close = 0;
    for (const [i, name] of PRICE_COLUMNS) {
      const d = parseDecimal((cells[i] as string).trim());
      if (d === null || !isPositive(d)) {
        throw bad(lineNo, `${name} ${JSON.stringify(cells[i])} is not a positive decimal`);
      }
      if (name === 'close') close = toNumber(d);
    }
    const closeText = (cells[4] as string).trim();
    const previous = bars[bars.length - 1];
    if (previous !== undefined && openTimeMs <= previous.openTimeMs) {
      throw bad(lineNo, `open time ${openTimeMs} is not after the previous row's ${previous.openTimeMs}`);
    }
    bars.push({ openTimeMs, closeText, close });
  }
  return bars;
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
    const read = async (flag: 'a' | 'b'): Promise<CloseBar[]> => {
      const path = single(args, flag) as string;
      let text: string;
      try {
        text = await io.readText(path);
      } catch (error) {
        throw new InputError(`cannot read ${path}: ${(error as Error).message}`);
      }
      return parseCloses(text, path);
    };
    const barsA = await read('a');
    const barsB = await read('b');
    const aligned = alignByOpenTime(barsA, barsB);
    if (aligned.length < 30) {
      throw new InputError(
        `${single(args, 'a')} and ${single(args, 'b')} share ${aligned.length} open times; at least 30 are needed`,
      );
    }

    const analytics = new PairAnalytics({ window });
    let csv = `${PAIR_CSV_HEADER}\n`;
    const a = new Float64Array(aligned.length);
    const b = new Float64Array(aligned.length);
    aligned.forEach((row, i) => {
      a[i] = row.a.close;
      b[i] = row.b.close;
      const p = analytics.add(row.a.close, row.b.close);
      csv += `${row.openTimeMs},${row.a.closeText},${row.b.closeText},${cell(p.olsBeta)},${cell(p.olsAlpha)},${cell(p.kalmanBeta)},${cell(p.kalmanAlpha)},${cell(p.spread)},${cell(p.zscore)},${cell(p.correlation)}\n`;
    });

    if (b.every((v) => v === b[0])) {
      throw new InputError(
        `${single(args, 'b')}: the close never changes over the common bars; nothing can hedge with it`,
      );
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

    const out = single(args, 'out');
    if (out === undefined) {
      io.stdout(csv);
      io.stderr(json);
    } else {
      await io.writeText(out, csv);
      io.stdout(json);
    }
    return 0;
  },
};
