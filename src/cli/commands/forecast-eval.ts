import { MetricsAccumulator, naiveScale } from '../../core/models/forecast/walk-forward/forecast-metrics';
import { parseArgs, single } from '../args';
import type { CliIo, Command } from '../command';
import { withOutput } from '../read-lines';
import { parseWalkForwardArgs, runWalkForward, WALK_FORWARD_FLAG_HELP, WALK_FORWARD_FLAGS } from './forecast-run';
import { readForecastBars } from '../candle-rows';

const HELP = `Usage: npm run --silent cli -- forecast-eval --candles FILE [--model tapewatch|arima|persistence|all]
         [--horizon H] [--train-fraction 0.7] [--seed N] [--volatility ewma|har] [--out report.json]

The walk-forward of \`forecast\` (same flags, same forecasts) summarised per model as JSON:
  {"bars":N,"horizon":H,"models":{"<name>":{"mae","rmse","mase","directional_accuracy",
   "coverage80","coverage95","width80","width95","pinball80","pinball95","brier_up"}}}
bars is the number of target bars scored; every metric is of the forecasts made H bars ahead.

  mae, rmse              of the predicted close, price units.
  mase                   mae over the mean absolute one-bar change of the close over the training
                         part (persistence at H = 1 scores about 1 unless the test part is calmer
                         or wilder than the training part).
  directional_accuracy   share of target bars whose direction from the forecast's origin close was
                         called right by p_up > 0.5 or < 0.5; no call (p_up = 0.5) or no move: half.
  coverage80, coverage95 share of target closes inside the interval; width80, width95 mean width.
  pinball80, pinball95   mean pinball loss of the interval ends as the 10/90 % and 2.5/97.5 %
                         quantiles (average of the two ends), price units.
  brier_up               mean (p_up - [close rose])^2; 0.25 for a model that always says 0.5.

Flags:
${WALK_FORWARD_FLAG_HELP}

Memory: every bar of the file as numbers; the metrics are running sums.

Errors: as \`forecast\`: a bad flag exits 2; a malformed row exits 1 naming its file and line; too
few bars or a failing model exits 1 naming the file. On any error nothing is written.

Example:
  npm run --silent cli -- forecast-eval --candles BTCUSDT-1m.csv --horizon 1 --out report.json
`;

export const forecastEvalCommand: Command = {
  name: 'forecast-eval',
  summary: 'Walk-forward forecast metrics per model as JSON (MASE, coverage, width, pinball, Brier)',
  help: HELP,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, { values: WALK_FORWARD_FLAGS });
    const request = parseWalkForwardArgs(args);
    const bars = await readForecastBars(io, request.candles);
    const metrics = new Map(request.models.map((name) => [name as string, new MetricsAccumulator()]));
    const { trainBars } = await runWalkForward(request, bars, (row) => {
      if (row.step.horizon === request.horizon) metrics.get(row.model)?.add(row);
    });
    const scale = naiveScale(bars.slice(0, trainBars));
    const models: Record<string, unknown> = {};
    let scored = 0;
    for (const [name, accumulator] of metrics) {
      models[name] = accumulator.summary(scale);
      scored = accumulator.count;
    }
    const json = JSON.stringify({ bars: scored, horizon: request.horizon, models });
    await withOutput(io, single(args, 'out'), async (write) => write(`${json}\n`));
    return 0;
  },
};
