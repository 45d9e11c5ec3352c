import { createForecasters } from '../../core/models/forecast/create-forecasters';
import { SIGNAL_DEFAULTS } from '../../core/models/signals';
import { WALK_FORWARD_DEFAULTS, type WalkForwardOptions } from '../../core/models/signals/walk-forward-signals';
import { positiveInt, single, type ParsedArgs } from '../args';
import { UsageError } from '../command';
import { nonNegativeInt } from './regimes';

/** Flags shared by `signals` and `backtest`, so both run the same signals. */
export const SIGNAL_FLAGS = ['candles', 'horizon', 'cost-bps', 'seed', 'forecast'] as const;

export const SIGNAL_FLAGS_HELP = `  --candles FILE    Input candles CSV: the layouts \`indicators\` reads (its --help lists them).
  --horizon H       Bars within which a trade is judged (default ${SIGNAL_DEFAULTS.horizon}; 1..1000).
  --cost-bps C      Round-trip cost the decision charges in its expected value (default
                    ${SIGNAL_DEFAULTS.costBps} = 2 × (10 fee + 2 slippage)); a trade is taken only when its calibrated
                    expected value after this cost is positive.
  --seed N          Seed of the regime model's EM starts (default ${WALK_FORWARD_DEFAULTS.seed}).
  --forecast M      none | persistence | arima (default none): a forecaster fitted on the same
                    first ${WALK_FORWARD_DEFAULTS.regimeFitBars} bars as the regime, then updated bar by bar; its next-bar
                    P(close up) is one more input (persistence says 0.5: no push).`;

export function nonNegativeNumber(args: ParsedArgs, name: string, fallback: number): number {
  const text = single(args, name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 10_000)
    throw new UsageError(`--${name} must be a number in 0..10000, got ${JSON.stringify(text)}`);
  return n;
}

export function signalOptions(args: ParsedArgs): WalkForwardOptions & { horizon: number } {
  const horizon = positiveInt(args, 'horizon', SIGNAL_DEFAULTS.horizon);
  if (horizon > 1000) throw new UsageError(`--horizon must be 1..1000, got ${horizon}`);
  const forecast = single(args, 'forecast') ?? 'none';
  if (!['none', 'persistence', 'arima'].includes(forecast))
    throw new UsageError(`--forecast must be none, persistence or arima, got ${JSON.stringify(forecast)}`);
  return {
    ...(forecast === 'none' ? {} : { forecaster: createForecasters([forecast as 'persistence' | 'arima'], 1)[0] }),
    horizon,
    costBps: nonNegativeNumber(args, 'cost-bps', SIGNAL_DEFAULTS.costBps),
    seed: nonNegativeInt(single(args, 'seed'), 'seed', WALK_FORWARD_DEFAULTS.seed),
  };
}
