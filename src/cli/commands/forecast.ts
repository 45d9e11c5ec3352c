import { parseArgs, single } from '../args';
import type { CliIo, Command } from '../command';
import { withOutput } from '../read-lines';
import { parseWalkForwardArgs, runWalkForward, WALK_FORWARD_FLAG_HELP, WALK_FORWARD_FLAGS } from './forecast-run';
import { readForecastBars } from '../candle-rows';

export const FORECAST_CSV_HEADER =
  'open_time_ms,model,horizon,close,pred_close,lo80,hi80,lo95,hi95,pred_high,pred_low,p_up';

const HELP = `Usage: npm run --silent cli -- forecast --candles FILE [--model tapewatch|arima|persistence|all]
         [--horizon H] [--train-fraction 0.7] [--seed N] [--volatility ewma|har] [--out FILE]

Walk-forward forecasts of the close, high and low with 80 % and 95 % intervals and the probability
that the close rises. Every model is fitted on the first --train-fraction of the bars; from then on,
for every later bar, the forecast was made with data up to the previous bar's close only (models
keep learning online from the bars they have seen: ARIMA filters each bar and refits its parameters
daily; the volatility model and the interval recalibration update every bar).

Flags:
${WALK_FORWARD_FLAG_HELP}

Output CSV, header:
  ${FORECAST_CSV_HEADER}
  One row per test bar, model and horizon h in 1..H: open_time_ms and close are the target bar's;
  the forecast was made at the close of the bar h bars before it (only forecasts made at or after
  the end of training). pred_close, pred_high, pred_low are point forecasts; lo80..hi95 the
  interval ends of the close; p_up the probability that the target close is above the close the
  forecast was made at. Rows come in target order, then model, then horizon.

Memory: holds every bar of the file as numbers (about 50 bytes a bar) and H forecasts per model;
rows are written as they are made.

Errors: a bad flag exits 2; a malformed row exits 1 naming its file and line; too few bars or a
model that fails exits 1 naming the file. On any error nothing is written.

Example:
  npm run --silent cli -- forecast --candles BTCUSDT-1m.csv --model all --horizon 3 --out fc.csv
`;

const number = (value: number) => (Number.isFinite(value) ? String(value) : '');

export const forecastCommand: Command = {
  name: 'forecast',
  summary: 'Walk-forward close/high/low forecasts with 80/95 % intervals and p_up (persistence, ARIMA, tapewatch MLP)',
  help: HELP,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, { values: WALK_FORWARD_FLAGS });
    const request = parseWalkForwardArgs(args);
    const bars = await readForecastBars(io, request.candles);
    const lines: string[] = [];
    // The whole walk runs before the first byte is written: a model failing half-way leaves no
    // partial output on stdout either.
    await runWalkForward(request, bars, ({ model, target, step }) => {
      lines.push(
        [
          target.openTimeMs,
          model,
          step.horizon,
          number(target.close),
          number(step.close),
          number(step.lo80),
          number(step.hi80),
          number(step.lo95),
          number(step.hi95),
          number(step.high),
          number(step.low),
          number(step.pUp),
        ].join(','),
      );
    });
    await withOutput(io, single(args, 'out'), async (write) => {
      await write(`${FORECAST_CSV_HEADER}\n`);
      for (const line of lines) await write(`${line}\n`);
    });
    return 0;
  },
};
