import { arimaParamNames, defaultHasConstant, type ArimaOrder } from '../../core/models/forecast/arima/arima-order';
import { fitArima, minimumBars } from '../../core/models/forecast/arima/fit-arima';
import { parseArgs, single } from '../args';
import { CandleRowCursor } from '../candle-rows';
import { InputError, UsageError, type CliIo, type Command } from '../command';
import { withOutput } from '../read-lines';

const HELP = `Usage: npm run --silent cli -- arima --candles FILE --order p,d,q [--trend c|n] [--out FILE]

Fits ARIMA(p,d,q) to the close series of a candles CSV by exact Gaussian maximum likelihood (Kalman
filter on the state space statsmodels' ARIMA uses; stationarity and invertibility enforced) and
prints the fit as JSON. The numbers match statsmodels.tsa.arima.model.ARIMA(close, order=(p,d,q)).fit().

Flags:
  --candles FILE   Input candles CSV: the layouts \`indicators\` reads (its --help lists them).
  --order p,d,q    AR lags, differences (0..2), MA lags; each an integer, p and q at most 10.
  --trend c|n      c: a constant (the mean for d = 0); n: none. Default as statsmodels: c when
                   d = 0, n when d >= 1.
  --out FILE       Write the JSON here instead of to stdout (- is stdout); replaced atomically.

Output (one line of JSON):
  {"order":[p,d,q],"params":{"const":..,"ar.L1":..,"ma.L1":..,"sigma2":..},"loglik":..,"aic":..,"nobs":N}
  params by statsmodels' names and in its order (const only with a constant; ar.L1..ar.Lp;
  ma.L1..ma.Lq; sigma2 the innovation variance); loglik the log-likelihood of the bars after the
  first d (statsmodels' burn-in of the diffuse differencing states); aic = -2 loglik + 2 k with k
  counting every parameter including sigma2.

Errors: a bad flag exits 2; a malformed row exits 1 naming its file and line; too few bars for the
order or a series that is constant after differencing exits 1. On any error nothing is written.

Example:
  npm run --silent cli -- arima --candles BTCUSDT-1m-2024-08.csv --order 1,1,1
`;

function parseOrder(text: string | undefined): ArimaOrder {
  if (text === undefined) throw new UsageError('--order is required (p,d,q)');
  const parts = text.split(',');
  const numbers = parts.map((part) => (/^\d+$/.test(part.trim()) ? Number(part.trim()) : Number.NaN));
  const [p, d, q] = numbers as [number, number, number];
  if (parts.length !== 3 || numbers.some((n) => !Number.isInteger(n)) || p > 10 || q > 10 || d > 2) {
    throw new UsageError(`--order must be p,d,q with p, q in 0..10 and d in 0..2, got ${JSON.stringify(text)}`);
  }
  return { p, d, q };
}

function parseTrend(text: string | undefined, order: ArimaOrder): boolean {
  if (text === undefined) return defaultHasConstant(order);
  if (text === 'c') return true;
  if (text === 'n') return false;
  throw new UsageError(`--trend must be c or n, got ${JSON.stringify(text)}`);
}

/** The closes of the file, validated row by row (the fit needs the whole series at once). */
async function readCloses(io: CliIo, path: string): Promise<number[]> {
  const cursor = new CandleRowCursor(io, path);
  const closes: number[] = [];
  for (let row = await cursor.next(); row !== null; row = await cursor.next()) closes.push(row.close);
  return closes;
}

export const arimaCommand: Command = {
  name: 'arima',
  summary: 'Fit ARIMA(p,d,q) to the closes of a candles CSV by exact likelihood (matches statsmodels)',
  help: HELP,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, { values: ['candles', 'order', 'trend', 'out'] });
    if (args.positional.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(args.positional[0])}`);
    const candles = single(args, 'candles');
    if (candles === undefined) throw new UsageError('--candles is required');
    const order = parseOrder(single(args, 'order'));
    const hasConstant = parseTrend(single(args, 'trend'), order);
    const closes = await readCloses(io, candles);
    if (closes.length < minimumBars(order)) {
      throw new InputError(
        `${candles}: ARIMA(${order.p},${order.d},${order.q}) needs at least ${minimumBars(order)} bars, the file has ${closes.length}`,
      );
    }
    let fit;
    try {
      fit = fitArima(closes, order, { hasConstant });
    } catch (error) {
      throw new InputError(`${candles}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const params: Record<string, number> = {};
    for (const name of arimaParamNames(order, hasConstant)) params[name] = fit.params[name] as number;
    const json = JSON.stringify({
      order: [order.p, order.d, order.q],
      params,
      loglik: fit.loglik,
      aic: fit.aic,
      nobs: fit.nobs,
    });
    await withOutput(io, single(args, 'out'), async (write) => write(`${json}\n`));
    return 0;
  },
};
