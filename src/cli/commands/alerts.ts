import {
  AlertEngine,
  AlertRuleError,
  CANDLE_KINDS,
  parseRulesText,
  type AlertBar,
  type AlertFiring,
  type AlertRule,
} from '../../core/alerts';
import { formatDecimal, parseDecimal } from '../../core/decimal/decimal';
import { parseArgs, single } from '../args';
import { eachCandleRow } from '../candle-rows';
import { InputError, UsageError, type CliIo, type Command } from '../command';
import { withOutput } from '../read-lines';

/** A rules file is a JSON array a person writes or the app exports; anything this big is not one. */
const MAX_RULES_BYTES = 4 << 20;

const HELP = `Usage: npm run --silent cli -- alerts --rules RULES.json --candles FILE [--out FILE]

Replays alert rules over a candles file with the engine the app runs live: bar by bar, closed
bars only, indicators computed as the \`indicators\` command does. One NDJSON line per firing.

Flags:
  --rules FILE     A JSON array of rules, the format the app exports and imports (README "Alerts").
  --candles FILE   Input candles CSV: the layouts \`indicators\` reads (its --help lists them):
                   the \`candles\` command's, Binance klines, or a named OHLCV header.
  --out FILE       Write here instead of stdout (- is stdout); a regular file or new path is
                   replaced atomically.

Rules judged: the kinds that need only candles (${CANDLE_KINDS.join(', ')}). A rule's
"instrument" and "timeframe" are ignored: the file is the one series. Rules of other kinds (anomaly,
signal, pair-z, divergence, feed-health, sentiment) need live inputs; they are listed on stderr
and skipped. A cross is judged on consecutive closed bars: crosses-above fires at bar t when the
value at t-1 is <= the level and the value at t is above it (crosses-below mirrored). Cooldowns,
expiry and quiet hours run on bar open times.

Output (NDJSON, one object per line, in bar order then rule order):
  {"rule":"<id>","open_time_ms":<bar open time>,"value":<number>,"priority":"critical|normal|info"}
  value: the close for price rules (written exactly as the file has it), the indicator output,
  the % move or the z-score for the others.

Errors: a bad flag exits 2; an invalid rules file (naming the rule and field) or a malformed
candles row (naming the file and line) exits 1. On any error nothing is written.

Example:
  npm run --silent cli -- alerts --rules rules.json --candles BTCUSDT-1m-2024-08.csv --out firings.ndjson
`;

async function readText(io: CliIo, path: string): Promise<string> {
  let text = '';
  for await (const chunk of io.readChunks(path)) {
    text += chunk;
    if (text.length > MAX_RULES_BYTES)
      throw new InputError(`${path}: larger than ${MAX_RULES_BYTES >> 20} MB; not a rules file`);
  }
  return text;
}

async function readRules(io: CliIo, path: string): Promise<AlertRule[]> {
  try {
    return parseRulesText(await readText(io, path), path);
  } catch (error) {
    if (error instanceof AlertRuleError) throw new InputError(error.message);
    throw error;
  }
}

/** Streams the candles as closed alert bars; errors name the file and line. */
async function eachBar(
  io: CliIo,
  path: string,
  onBar: (bar: AlertBar) => void,
  afterBatch?: () => Promise<void>,
  needsTrades = false,
): Promise<void> {
  await eachCandleRow(
    io,
    path,
    (row) => {
      if (row.trades === undefined && needsTrades) {
        throw new InputError(`${path}: the file has no trade count column; trade-count-spike rules need one`);
      }
      onBar({
        type: 'bar',
        key: 'demo:CANDLES',
        timeframe: '1m',
        openTimeMs: row.timeMs,
        open: row.open,
        high: row.high,
        low: row.low,
        close: row.close,
        closeText: row.closeText,
        volume: row.volume,
        ...(row.buyVolume !== undefined ? { buyVolume: row.buyVolume } : {}),
        ...(row.sellVolume !== undefined ? { sellVolume: row.sellVolume } : {}),
        trades: row.trades ?? 0,
        closed: true,
      });
    },
    afterBatch,
  );
}

/** The NDJSON line; a price value is the file's decimal text as a JSON number, so it stays exact. */
export function firingLine(f: AlertFiring): string {
  let value: string;
  if (typeof f.value === 'string') {
    const d = parseDecimal(f.value);
    value = d === null ? JSON.stringify(f.value) : formatDecimal(d);
  } else {
    value = Number.isFinite(f.value) ? String(f.value) : 'null';
  }
  return `{"rule":${JSON.stringify(f.ruleId)},"open_time_ms":${f.openTimeMs},"value":${value},"priority":"${f.priority}"}\n`;
}

export const alertsCommand: Command = {
  name: 'alerts',
  summary: 'Replay alert rules over a candles CSV, one NDJSON line per firing',
  help: HELP,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, { values: ['rules', 'candles', 'out'] });
    if (args.positional.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(args.positional[0])}`);
    const rulesPath = single(args, 'rules');
    const candles = single(args, 'candles');
    if (rulesPath === undefined) throw new UsageError('--rules is required');
    if (candles === undefined) throw new UsageError('--candles is required');
    const all = await readRules(io, rulesPath);
    const rules = all.filter((r) => CANDLE_KINDS.includes(r.kind));
    for (const r of all) {
      if (!CANDLE_KINDS.includes(r.kind))
        io.stderr(`alerts: skipped rule "${r.id}": kind ${r.kind} needs live inputs\n`);
    }
    // Two streaming passes, as `indicators`: nothing is written until the whole file is known good.
    const needsTrades = rules.some((r) => r.kind === 'trade-count-spike');
    await eachBar(io, candles, () => undefined, undefined, needsTrades);
    const engine = new AlertEngine(rules, { anySeries: true });
    await withOutput(io, single(args, 'out'), async (write) => {
      let pending = '';
      await eachBar(
        io,
        candles,
        (bar) => {
          for (const f of engine.evaluate(bar)) pending += firingLine(f);
        },
        async () => {
          const text = pending;
          pending = '';
          if (text.length > 0) await write(text);
        },
        needsTrades,
      );
    });
    return 0;
  },
};
