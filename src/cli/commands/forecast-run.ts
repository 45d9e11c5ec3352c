import {
  createForecasters,
  FORECASTER_NAMES,
  isForecasterName,
  type ForecastBar,
  type ForecasterName,
  type VolatilityName,
} from '../../core/models/forecast';
import { walkForward, type WalkForwardRow } from '../../core/models/forecast/walk-forward/walk-forward';
import { positiveInt, single, type ParsedArgs } from '../args';
import { InputError, UsageError } from '../command';

/** The flags `forecast` and `forecast-eval` share. */
export const WALK_FORWARD_FLAGS = ['candles', 'model', 'horizon', 'train-fraction', 'seed', 'volatility', 'out'];

export const WALK_FORWARD_FLAG_HELP = `  --candles FILE          Input candles CSV: the layouts \`indicators\` reads (its --help lists them).
  --model NAME            ${FORECASTER_NAMES.join(' | ')} | all (default all: every model side by side).
  --horizon H             Forecast 1..H bars ahead, H in 1..10 (default 1).
  --train-fraction F      Fit on the first F of the bars, 0 < F < 1 (default 0.7).
  --seed N                Seed of every random choice (default 1): same input and seed, same output.
  --volatility ewma|har   The volatility model that scales the intervals (default ewma).
  --out FILE              Write here instead of stdout (- is stdout); replaced atomically.`;

export interface WalkForwardRequest {
  readonly candles: string;
  readonly models: readonly ForecasterName[];
  readonly horizon: number;
  readonly trainFraction: number;
  readonly seed: number;
  readonly volatility: VolatilityName;
}

export function parseWalkForwardArgs(args: ParsedArgs): WalkForwardRequest {
  if (args.positional.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(args.positional[0])}`);
  const candles = single(args, 'candles');
  if (candles === undefined) throw new UsageError('--candles is required');
  const model = single(args, 'model') ?? 'all';
  if (model !== 'all' && !isForecasterName(model))
    throw new UsageError(`--model must be ${FORECASTER_NAMES.join(', ')} or all, got ${JSON.stringify(model)}`);
  const horizon = positiveInt(args, 'horizon', 1);
  if (horizon > 10) throw new UsageError(`--horizon must be in 1..10, got ${horizon}`);
  const fractionText = single(args, 'train-fraction') ?? '0.7';
  const trainFraction = Number(fractionText);
  if (!/^\d*\.?\d+$/.test(fractionText) || !(trainFraction > 0 && trainFraction < 1))
    throw new UsageError(
      `--train-fraction must be a number strictly between 0 and 1, got ${JSON.stringify(fractionText)}`,
    );
  const seedText = single(args, 'seed') ?? '1';
  if (!/^\d+$/.test(seedText) || Number(seedText) > 2 ** 32 - 1)
    throw new UsageError(`--seed must be an integer in 0..4294967295, got ${JSON.stringify(seedText)}`);
  const volatility = single(args, 'volatility') ?? 'ewma';
  if (volatility !== 'ewma' && volatility !== 'har')
    throw new UsageError(`--volatility must be ewma or har, got ${JSON.stringify(volatility)}`);
  return {
    candles,
    models: model === 'all' ? FORECASTER_NAMES : [model],
    horizon,
    trainFraction,
    seed: Number(seedText),
    volatility,
  };
}

/** Bars needed for a walk-forward: 100 training bars and at least `horizon` test bars. */
export const MIN_TRAINING_BARS = 100;

/** TF.js is loaded only when the tapewatch model runs, with the cpu backend (the worker picks wasm). */
async function loadTf(): Promise<void> {
  const tf = await import('@tensorflow/tfjs');
  // PROD drops TF.js's debug checks and its console banner (stdout may be the CSV).
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
}

/** Runs the walk-forward of the request; any model failure is an input error naming the file. */
export async function runWalkForward(
  request: WalkForwardRequest,
  bars: readonly ForecastBar[],
  onRow: (row: WalkForwardRow) => void,
): Promise<{ trainBars: number; testBars: number }> {
  const train = Math.floor(bars.length * request.trainFraction);
  if (train < MIN_TRAINING_BARS || bars.length - train < request.horizon) {
    throw new InputError(
      `${request.candles}: a walk-forward with --train-fraction ${request.trainFraction} and --horizon ${request.horizon} needs at least ${MIN_TRAINING_BARS} training bars and ${request.horizon} test bars; the file has ${bars.length} bars (${train} for training)`,
    );
  }
  if (request.models.includes('tapewatch')) await loadTf();
  const models = createForecasters(request.models, request.seed, {
    volatility: request.volatility,
    maxHorizon: request.horizon,
  });
  try {
    return await walkForward(bars, models, { trainFraction: request.trainFraction, horizon: request.horizon }, onRow);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${request.candles}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    for (const model of models) model.dispose();
  }
}
