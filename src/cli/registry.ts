import type { Command } from './command';
import { arimaCommand } from './commands/arima';
import { candlesCommand } from './commands/candles';
import { detectCommand } from './commands/detect';
import { indicatorsCommand } from './commands/indicators';
import { normalizeCommand } from './commands/normalize';
import { pairCommand } from './commands/pair';
import { alertsCommand } from './commands/alerts';
import { sentimentCommand } from './commands/sentiment';
import { forecastCommand } from './commands/forecast';
import { forecastEvalCommand } from './commands/forecast-eval';

/** Every command of `npm run cli`. Keep names, flags and output layouts stable: users script them. */
export const COMMANDS: readonly Command[] = [
  candlesCommand,
  normalizeCommand,
  indicatorsCommand,
  pairCommand,
  alertsCommand,
  detectCommand,
  sentimentCommand,
  arimaCommand,
  forecastCommand,
  forecastEvalCommand,
];
