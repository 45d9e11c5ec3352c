import type { Command } from './command';
import { candlesCommand } from './commands/candles';

/** Every command of `npm run cli`. Keep names, flags and output layouts stable: users script them. */
export const COMMANDS: readonly Command[] = [candlesCommand];
